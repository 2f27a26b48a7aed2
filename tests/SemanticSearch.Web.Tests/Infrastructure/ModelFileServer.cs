using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving a folder as a model repository (URL path = file path), with
/// <c>Range: bytes=N-</c> resumes, and a hold: one response can stop part-way until the test lets it go, so a pull
/// can be watched and cancelled mid-file.
/// </summary>
internal sealed class ModelFileServer : IDisposable
{
    private readonly string _root;
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, (long After, TaskCompletionSource Gate)> _holds = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<TaskCompletionSource> _gates = [];

    public ModelFileServer(string root)
    {
        _root = Path.GetFullPath(root);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Paths and Range headers of the requests served.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    /// <summary>The next response for <paramref name="urlPath"/> sends <paramref name="bytes"/> bytes, then waits for <see cref="Release"/>.</summary>
    public void HoldOnceAfter(string urlPath, long bytes)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gates.Add(gate);
        _holds[urlPath] = (bytes, gate);
    }

    /// <summary>Lets every held response finish.</summary>
    public void Release()
    {
        // Held responses have left _holds already; every gate ever handed out is opened.
        foreach (var gate in _gates)
            gate.TrySetResult();
    }

    public void Dispose()
    {
        Release();
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var urlPath = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
        var range = context.Request.Headers["Range"];
        var response = context.Response;
        Requests.Enqueue((urlPath, range));
        try
        {
            var file = Path.GetFullPath(Path.Combine(_root, urlPath.TrimStart('/')));
            if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }
            var data = await File.ReadAllBytesAsync(file);
            var start = 0;
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                start = int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {start}-{data.Length - 1}/{data.Length}");
            }
            response.ContentLength64 = data.Length - start;
            if (_holds.TryRemove(urlPath, out var hold))
            {
                var first = (int)Math.Min(hold.After, data.Length - start);
                await response.OutputStream.WriteAsync(data.AsMemory(start, first));
                await response.OutputStream.FlushAsync();
                // A little more after a pause: the store reports progress at most every 100 ms, so the held
                // transfer has reported bytes of this file before it stops.
                await Task.Delay(300);
                var second = (int)Math.Min(4096, data.Length - start - first);
                await response.OutputStream.WriteAsync(data.AsMemory(start + first, second));
                await response.OutputStream.FlushAsync();
                await hold.Gate.Task.WaitAsync(TimeSpan.FromSeconds(60));
                start += first + second;
            }
            await response.OutputStream.WriteAsync(data.AsMemory(start));
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or TimeoutException)
        {
            // The client went away (a cancelled pull) or the test ended.
            response.Abort();
        }
    }
}
