using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Clip.Store;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// Pulls from the admin API against a real model server on 127.0.0.1 that serves copies of the demo model's files:
/// progress, cancel, one download at a time, digest checks, and that nothing half-pulled ever looks installed.
/// </summary>
public sealed class ModelPullApiTests : IAsyncLifetime
{
    private const string Key = "pull-admin-key-5c2e";
    private const string Model = "test/clip-demo";
    private const string SecondModel = "test/clip-demo-copy";
    private const string Vision = "onnx/vision_model.onnx";
    private static readonly string[] Files = ["config.json", "preprocessor_config.json", Vision];

    private readonly TempDirectory _temp = new("semsearch-web-pull");
    private ModelFileServer _server = default!;
    private AccessHost _host = default!;

    private string Served => _temp.Combine("server", "test-org", "clip-demo", "resolve", "main");

    private static string VisionUrl => $"/test-org/clip-demo/resolve/main/{Vision}";

    private static string PullUrl(string model) => $"/api/admin/models/{Uri.EscapeDataString(model)}/pull";

    private ModelStore Store => _host.Services.GetRequiredService<ModelStore>();

    public Task InitializeAsync()
    {
        foreach (var file in Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Served, file))!);
            File.Copy(Path.Combine(RepoPaths.DemoModel, file), Path.Combine(Served, file), overwrite: true);
        }
        _server = new ModelFileServer(_temp.Combine("server"));
        var settings = new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = Key,
            ["SemanticSearch:Models:BaseUrl"] = _server.BaseUrl,
            ["SemanticSearch:Models:MaxAttempts"] = "1",
        };
        // Far past the shipped list, so these entries do not merge into its models.
        foreach (var (index, name) in new[] { (90, Model), (91, SecondModel) })
        {
            var at = $"SemanticSearch:Models:Known:{index}";
            settings[$"{at}:Name"] = name;
            settings[$"{at}:Repository"] = "test-org/clip-demo";
            settings[$"{at}:Revision"] = "main";
            for (var i = 0; i < Files.Length; i++)
            {
                var path = Path.Combine(Served, Files[i]);
                settings[$"{at}:Files:{i}:Path"] = Files[i];
                settings[$"{at}:Files:{i}:Size"] = new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                settings[$"{at}:Files:{i}:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            }
        }
        _host = new AccessHost(settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _server.Release();
        await _host.DisposeAsync();
        _server.Dispose();
        _temp.Dispose();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? key = Key)
    {
        var headers = new Dictionary<string, string>();
        if (key is not null)
            headers["X-Api-Key"] = key;
        return _host.SendAsync(method, url, "203.0.113.9", headers);
    }

    private async Task<ModelPullDto> ProgressAsync(string model)
    {
        var response = await SendAsync(HttpMethod.Get, PullUrl(model));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ModelPullDto>())!;
    }

    private async Task<ModelPullDto> WaitForAsync(string model, Func<ModelPullDto, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var progress = await ProgressAsync(model);
            if (done(progress))
                return progress;
            Assert.True(DateTime.UtcNow < deadline, $"The pull of {model} stayed at {progress}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_pull_reports_progress_while_it_runs_and_ends_installed()
    {
        _server.HoldOnceAfter(VisionUrl, 100_000);

        var start = await SendAsync(HttpMethod.Post, PullUrl(Model));

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(PullUrl(Model), start.Headers.Location?.OriginalString);
        var midway = await WaitForAsync(Model, p => p.File == Vision && p.Percent >= 1); // the held response stops at about 2 %
        Assert.Equal("downloading", midway.Phase);
        Assert.Equal(3, midway.FileCount);
        Assert.Equal(Files.Sum(f => new FileInfo(Path.Combine(Served, f)).Length), midway.TotalBytes);
        Assert.InRange(midway.Percent!.Value, 1, 99);
        Assert.False(Store.IsInstalled(Model));

        // Asking again while it runs joins it instead of starting a second download.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, PullUrl(Model))).StatusCode);

        _server.Release();
        var done = await WaitForAsync(Model, p => p.Phase != "downloading");
        Assert.Equal("installed", done.Phase);
        Assert.Equal(100, done.Percent);
        Assert.True(Store.IsInstalled(Model));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Served, Vision)), File.ReadAllBytes(Path.Combine(Store.InstallPath(Model), Vision)));
        Assert.Single(_server.Requests, r => r.Path == VisionUrl);
    }

    [Fact]
    public async Task Cancel_stops_the_pull_installs_nothing_and_the_next_pull_resumes()
    {
        _server.HoldOnceAfter(VisionUrl, 100_000);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, PullUrl(Model))).StatusCode);
        await WaitForAsync(Model, p => p.File == Vision && p.Bytes > 0);

        var cancel = await SendAsync(HttpMethod.Delete, PullUrl(Model));

        Assert.True((await cancel.Content.ReadFromJsonAsync<CancelResultDto>())!.Cancelled);
        var cancelled = await WaitForAsync(Model, p => p.Phase != "downloading");
        Assert.Equal("cancelled", cancelled.Phase);
        Assert.False(string.IsNullOrWhiteSpace(cancelled.Problem));
        Assert.False(Store.IsInstalled(Model));
        Assert.False(Directory.Exists(Store.InstallPath(Model)));
        Assert.False((await (await SendAsync(HttpMethod.Delete, PullUrl(Model))).Content.ReadFromJsonAsync<CancelResultDto>())!.Cancelled);

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, PullUrl(Model))).StatusCode);
        var done = await WaitForAsync(Model, p => p.Phase is not ("queued" or "downloading"));
        Assert.Equal("installed", done.Phase);
        var resumed = _server.Requests.Last(r => r.Path == VisionUrl);
        Assert.StartsWith("bytes=", resumed.Range);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Served, Vision)), File.ReadAllBytes(Path.Combine(Store.InstallPath(Model), Vision)));
    }

    [Fact]
    public async Task Pulls_run_one_at_a_time_and_a_waiting_pull_can_be_cancelled()
    {
        _server.HoldOnceAfter(VisionUrl, 100_000);
        await SendAsync(HttpMethod.Post, PullUrl(Model));
        await WaitForAsync(Model, p => p.File == Vision && p.Bytes > 0);

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, PullUrl(SecondModel))).StatusCode);

        Assert.Equal("queued", (await ProgressAsync(SecondModel)).Phase);
        Assert.True((await (await SendAsync(HttpMethod.Delete, PullUrl(SecondModel))).Content.ReadFromJsonAsync<CancelResultDto>())!.Cancelled);
        Assert.Equal("cancelled", (await WaitForAsync(SecondModel, p => p.Phase != "queued")).Phase);
        _server.Release();
        Assert.Equal("installed", (await WaitForAsync(Model, p => p.Phase == "installed" || p.Phase == "failed")).Phase);
        Assert.False(Store.IsInstalled(SecondModel));
    }

    [Fact]
    public async Task A_file_whose_digest_does_not_match_fails_the_pull_and_nothing_is_installed()
    {
        // The settings pin the real digest; the server now sends different bytes of the same size.
        var served = Path.Combine(Served, Vision);
        var bytes = File.ReadAllBytes(served);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(served, bytes);

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, PullUrl(Model))).StatusCode);

        var failed = await WaitForAsync(Model, p => p.Phase is not ("queued" or "downloading"));
        Assert.Equal("failed", failed.Phase);
        Assert.Contains("SHA-256 mismatch", failed.Problem);
        Assert.Contains(Vision, failed.Problem);
        Assert.False(Store.IsInstalled(Model));
        Assert.False(Directory.Exists(Store.InstallPath(Model)));
    }

    [Fact]
    public async Task Unknown_names_are_404_problems_long_ones_400_and_without_the_key_401()
    {
        var unknown = await ApiAssert.ProblemAsync(await SendAsync(HttpMethod.Post, PullUrl("nope/never")), HttpStatusCode.NotFound);
        Assert.Contains("nope/never", unknown.Detail);
        await ApiAssert.ProblemAsync(await SendAsync(HttpMethod.Get, PullUrl("nope/never")), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await SendAsync(HttpMethod.Delete, PullUrl("nope/never")), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await SendAsync(HttpMethod.Post, PullUrl(new string('a', 201))), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await SendAsync(HttpMethod.Post, PullUrl(Model), key: null), HttpStatusCode.Unauthorized);
        Assert.Equal("notstarted", (await ProgressAsync(Model)).Phase);
        Assert.Empty(_server.Requests);
    }
}
