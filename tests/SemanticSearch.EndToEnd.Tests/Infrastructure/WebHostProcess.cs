using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real web host as a separate process (<c>dotnet SemanticSearch.Web.dll --urls ... --data-dir ... --source ...</c>)
/// on a free loopback port, with its output kept in a log file next to the test results.
/// </summary>
internal sealed class WebHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _logPath;

    private WebHostProcess(Process process, string url, string logPath)
    {
        _process = process;
        Url = url;
        _logPath = logPath;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Base address, e.g. http://127.0.0.1:40123.</summary>
    public string Url { get; }

    /// <summary>A client for the host's API.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts the host (the build output's, or <paramref name="dll"/>, e.g. a published one) in
    /// <paramref name="workingDirectory"/> (default: the data folder) and waits until it answers <c>/api/status</c>.
    /// Without <paramref name="configuredSources"/> only <paramref name="source"/> is indexed (not the settings' demo gallery).
    /// </summary>
    public static async Task<WebHostProcess> StartAsync(string dataDir, string source, string adminKey, string logPath,
        string? dll = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null,
        bool configuredSources = true)
    {
        dll ??= FindWebDll();
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? dataDir,
        };
        foreach (var arg in new[] { dll, "--urls", url, "--data-dir", dataDir, "--source", source })
            start.ArgumentList.Add(arg);
        if (!configuredSources)
            start.ArgumentList.Add("--no-configured-sources");
        start.Environment["SemanticSearch__Admin__ApiKey"] = adminKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + dll);
        var host = new WebHostProcess(process, url, logPath);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    /// <summary>Waits until the crawler is idle and has handled <paramref name="count"/> images.</summary>
    public async Task WaitForIndexedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await Http.GetFromJsonAsync<JsonElement>("/api/status");
            var crawler = status.GetProperty("crawler");
            if (crawler.GetProperty("state").GetString() == "idle"
                && status.GetProperty("indexed").GetInt64() + status.GetProperty("failed").GetInt64() >= count)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The host did not index {count} images in {timeout}: {status}\n{Tail()}");
            await Task.Delay(250);
        }
    }

    /// <summary>The last lines the host logged (for failure messages).</summary>
    public string Tail()
    {
        lock (_log)
        {
            var text = _log.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
        {
            _log.AppendLine(line);
            File.AppendAllText(_logPath, line + Environment.NewLine);
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The web host exited with code {_process.ExitCode}:\n{Tail()}");
            try
            {
                if ((await Http.GetAsync("/api/status")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The web host did not answer on {Url} within {timeout}:\n{Tail()}");
    }

    private static string FindWebDll()
    {
        // Same configuration as these tests (bin/<Configuration>/net10.0), so `dotnet test -c Release` uses the Release host.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent?.Name ?? "Debug";
        var dll = RepoPaths.Combine("web", "SemanticSearch.Web", "bin", configuration, output.Name, "SemanticSearch.Web.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"The web host is not built at {dll}; build the solution first.", dll);
        return dll;
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            return fromSdk;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
    }
}
