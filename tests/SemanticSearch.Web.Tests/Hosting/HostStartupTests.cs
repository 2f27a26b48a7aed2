using System.Net;
using System.Net.Sockets;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Web.Tests.Hosting;

/// <summary>
/// The built host started as a real process (<c>dotnet SemanticSearch.Web.dll</c>), as a person or a service manager
/// starts it: one process per data folder, and a start that fails says why in one line with exit code 1.
/// </summary>
[Collection(nameof(HostStartupTests))]
[CollectionDefinition(nameof(HostStartupTests), DisableParallelization = true)]
public sealed class HostStartupTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _temp = new("semsearch-host-start");

    private string Data => _temp.Combine("data");

    private string Gallery
    {
        get
        {
            var gallery = _temp.Combine("gallery");
            Directory.CreateDirectory(gallery);
            return gallery;
        }
    }

    [Fact]
    public async Task A_second_host_on_the_same_data_folder_exits_at_once_naming_the_first_one()
    {
        var firstUrl = $"http://127.0.0.1:{FreePort()}";
        await using var first = StartHost(firstUrl);
        await WaitUntilAnsweringAsync(first, firstUrl);

        var (exit, output) = await RunHostAsync($"http://127.0.0.1:{FreePort()}");

        Assert.Equal(1, exit);
        var line = Assert.Single(ChildProcess.Lines(output));
        Assert.Contains(Path.GetFullPath(Data), line);
        Assert.Contains($"pid {first.Id}", line);
        Assert.Contains(firstUrl, line);
        Assert.Contains("--data-dir", line);
    }

    [Fact]
    public async Task A_taken_port_is_one_line_with_the_urls_hint_and_exit_code_1_before_any_scan()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, output) = await RunHostAsync($"http://127.0.0.1:{port}");

        Assert.Equal(1, exit);
        var line = Assert.Single(ChildProcess.Lines(output), l => l.StartsWith("SemanticSearch cannot start", StringComparison.Ordinal));
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), line);
        Assert.Contains("--urls", line);
        Assert.DoesNotContain(ChildProcess.Lines(output), l => l.StartsWith("at ", StringComparison.Ordinal) || l.StartsWith("crit", StringComparison.Ordinal));
        // The crawler starts only once the server listens: it neither synced the source nor started a run.
        using var catalog = new CatalogStore(Path.Combine(Data, "catalog.db"));
        Assert.Empty(catalog.GetSources());
        Assert.Empty(catalog.GetRecentRuns(10));
    }

    [Fact]
    public async Task A_garbled_catalog_stops_the_host_with_one_line_naming_the_file_and_the_check()
    {
        Directory.CreateDirectory(Data);
        var catalog = Path.Combine(Data, "catalog.db");
        await File.WriteAllBytesAsync(catalog, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());

        var (exit, output) = await RunHostAsync($"http://127.0.0.1:{FreePort()}");

        Assert.Equal(1, exit);
        var line = Assert.Single(ChildProcess.Lines(output));
        Assert.Contains(catalog, line);
        Assert.Contains("semsearch catalog check", line);
        Assert.Contains("aside", line);
    }

    [Fact]
    public async Task A_retired_setting_stops_the_host_with_one_line_naming_the_setting_that_replaced_it()
    {
        var (exit, output) = await RunHostAsync($"http://127.0.0.1:{FreePort()}", "--SemanticSearch:Web:MaxQueryLength=1000");

        Assert.Equal(1, exit);
        var line = Assert.Single(ChildProcess.Lines(output));
        Assert.StartsWith("SemanticSearch cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains("SemanticSearch:Web:MaxQueryLength is no longer read", line);
        Assert.Contains("SemanticSearch:Search:MaxQueryLength", line);
    }

    [Fact]
    public async Task A_negative_time_to_keep_old_vectors_stops_the_host_with_one_line_naming_the_setting()
    {
        var (exit, output) = await RunHostAsync($"http://127.0.0.1:{FreePort()}", "--SemanticSearch:ModelSwitch:KeepOldVectors=-01:00:00");

        Assert.Equal(1, exit);
        var line = Assert.Single(ChildProcess.Lines(output));
        Assert.StartsWith("SemanticSearch cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains("SemanticSearch:ModelSwitch:KeepOldVectors must not be negative", line);
    }

    private ChildProcess StartHost(string url, params string[] settings) =>
        ChildProcess.Start(HostDll, _temp.Path, ["--urls", url, "--data-dir", Data, "--source", Gallery, .. settings]);

    private async Task<(int Exit, string Output)> RunHostAsync(string url, params string[] settings)
    {
        await using var host = StartHost(url, settings);
        return (await host.WaitForExitAsync(StartTimeout), host.Output);
    }

    private static async Task WaitUntilAnsweringAsync(ChildProcess host, string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(host.HasExited, "The first host exited:\n" + host.Output);
            try
            {
                if ((await http.GetAsync("/api/status")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The first host did not answer:\n" + host.Output);
    }

    /// <summary>The host as built next to these tests (same configuration).</summary>
    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "SemanticSearch.Web.dll");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _temp.Dispose();
}
