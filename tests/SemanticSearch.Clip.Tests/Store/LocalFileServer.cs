using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Net;
using System.Net.Sockets;

namespace SemanticSearch.Clip.Tests.Store;

/// <summary>
/// A small real HTTP server on 127.0.0.1 that serves a folder (URL path = file path under it), honours
/// <c>Range: bytes=N-</c> with 206, and can misbehave on demand: drop the connection part-way through a file or
/// ignore Range headers.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly string _root;
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, long> _dropOnce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string? Etag, long? Size)> _announceInstead = new(StringComparer.Ordinal);

    public LocalFileServer(string root)
    {
        _root = root;
        // Ask the OS for a free port, then let HttpListener take it.
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

    /// <summary>Every request served: path, Range header (or null) and status code.</summary>
    public ConcurrentQueue<(string Path, string? Range, int Status)> Requests { get; } = new();

    /// <summary>When set, Range headers are ignored and whole files are sent with 200.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>
    /// When set, file responses carry <c>X-Linked-Etag</c> (quoted SHA-256) and <c>X-Linked-Size</c> as Hugging Face
    /// sends them for LFS files; with <see cref="RedirectLikeHuggingFace"/> they go on a 302 to <c>/cdn/...</c> instead.
    /// </summary>
    public bool AnnounceDigests { get; set; }

    /// <summary>
    /// When set with <see cref="AnnounceDigests"/>, <c>.json</c> files are treated as small non-LFS files: served
    /// directly with their git blob id as the ETag and an <c>X-Repo-Commit</c> header, as Hugging Face does.
    /// </summary>
    public bool AnnounceGitBlobForJson { get; set; }

    /// <summary>When set, a file request is answered with a 302 to the same file under <c>/cdn/</c>.</summary>
    public bool RedirectLikeHuggingFace { get; set; }

    /// <summary>Announce these values for <paramref name="urlPath"/> instead of the real ones (null: the real one).</summary>
    public void AnnounceInstead(string urlPath, string? etag, long? size) => _announceInstead[urlPath] = (etag, size);

    /// <summary>The next response for <paramref name="urlPath"/> sends <paramref name="bytes"/> body bytes, then drops the connection.</summary>
    public void DropOnceAfter(string urlPath, long bytes) => _dropOnce[urlPath] = bytes;

    public void Dispose()
    {
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
        try
        {
            var fromCdn = urlPath.StartsWith("/cdn/", StringComparison.Ordinal);
            var repoPath = fromCdn ? urlPath["/cdn".Length..] : urlPath;
            var file = Path.GetFullPath(Path.Combine(_root, repoPath.TrimStart('/')));
            if (!file.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(file))
            {
                Requests.Enqueue((urlPath, range, 404));
                response.StatusCode = 404;
                response.Close();
                return;
            }
            var data = await File.ReadAllBytesAsync(file);
            var small = AnnounceGitBlobForJson && repoPath.EndsWith(".json", StringComparison.Ordinal);
            var (etag, size) = _announceInstead.TryGetValue(urlPath, out var instead) ? instead : (null, null);
            if (AnnounceDigests && !fromCdn && small)
            {
                var blob = SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {data.Length}\0"), .. data]);
                response.AddHeader("ETag", etag ?? $"\"{Convert.ToHexStringLower(blob)}\"");
                response.AddHeader("X-Repo-Commit", new string('c', 40));
            }
            else if (AnnounceDigests && !fromCdn)
            {
                response.AddHeader("X-Linked-Etag", etag ?? $"\"{Convert.ToHexStringLower(SHA256.HashData(data))}\"");
                response.AddHeader("X-Linked-Size", (size ?? data.Length).ToString(CultureInfo.InvariantCulture));
            }
            if (RedirectLikeHuggingFace && !fromCdn && !small)
            {
                Requests.Enqueue((urlPath, range, 302));
                response.StatusCode = 302;
                response.RedirectLocation = "/cdn" + urlPath;
                response.Close();
                return;
            }
            long start = 0;
            if (range is not null && !IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                start = long.Parse(range["bytes=".Length..^1]);
                if (start >= data.Length)
                {
                    Requests.Enqueue((urlPath, range, 416));
                    response.StatusCode = 416;
                    response.AddHeader("Content-Range", $"bytes */{data.Length}");
                    response.Close();
                    return;
                }
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {start}-{data.Length - 1}/{data.Length}");
            }
            else
            {
                response.StatusCode = 200;
            }
            Requests.Enqueue((urlPath, range, response.StatusCode));
            response.ContentLength64 = data.Length - start;
            if (_dropOnce.TryRemove(urlPath, out var dropAfter))
            {
                // Send part of the body, make sure it left, then reset the connection mid-file.
                await response.OutputStream.WriteAsync(data.AsMemory((int)start, (int)Math.Min(dropAfter, data.Length - start)));
                await response.OutputStream.FlushAsync();
                await Task.Delay(100);
                response.Abort();
                return;
            }
            await response.OutputStream.WriteAsync(data.AsMemory((int)start));
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to do.
        }
    }
}
