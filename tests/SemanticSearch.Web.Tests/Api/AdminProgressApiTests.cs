using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// <c>crawler.lastRun</c> on <c>/api/status</c>, retry-failed and the sources' counts, on a real host over its own
/// gallery with two broken files (the shared fixture's catalog is left alone).
/// </summary>
public sealed class AdminProgressApiTests : IAsyncLifetime
{
    private const string Key = "progress-admin-key-5f2e";
    private const string Loopback = "127.0.0.1";
    private const string Remote = "203.0.113.9";
    private readonly FixtureGallery _gallery = new();
    private AccessHost _host = default!;

    public Task InitializeAsync()
    {
        File.WriteAllBytes(Path.Combine(_gallery.Folder, "broken-1.png"), "not a png at all"u8.ToArray());
        File.WriteAllBytes(Path.Combine(_gallery.Folder, "broken-2.png"), "still not a png"u8.ToArray());
        _host = new AccessHost(new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = Key,
            ["SemanticSearch:Crawler:ScanOnStartup"] = "false",
        }, _gallery.Folder);
        return Task.CompletedTask;
    }

    private IReindexService Reindex => _host.Services.GetRequiredService<IReindexService>();

    private Task<HttpResponseMessage> AdminAsync(HttpMethod method, string url) =>
        _host.SendAsync(method, url, Loopback, new Dictionary<string, string> { ["X-Api-Key"] = Key });

    private async Task<JsonElement> StatusAsync(bool admin)
    {
        var response = admin
            ? await AdminAsync(HttpMethod.Get, "/api/status")
            : await _host.SendAsync(HttpMethod.Get, "/api/status", Remote);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> RunAsync(string url)
    {
        var started = await AdminAsync(HttpMethod.Post, url);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Reindex.WaitForIdleAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (await StatusAsync(admin: true)).GetProperty("crawler").GetProperty("lastRun");
    }

    [Fact]
    public async Task Status_carries_the_last_runs_outcome_and_counts_and_only_admins_see_a_failure_reason()
    {
        // A run of an earlier process that failed, as the runs log remembers it.
        var catalog = _host.Services.GetRequiredService<ICatalogStore>();
        var id = catalog.StartRun("full");
        catalog.FinishRun(id, "failed: could not write /srv/private/catalog.db", new IndexRunCounts(9, 4, 1, 0, 0));

        var admin = (await StatusAsync(admin: true)).GetProperty("crawler").GetProperty("lastRun");
        Assert.Equal("failed", admin.GetProperty("outcome").GetString());
        Assert.Equal("full", admin.GetProperty("mode").GetString());
        Assert.Equal(4, admin.GetProperty("indexed").GetInt64());
        Assert.Equal("could not write /srv/private/catalog.db", admin.GetProperty("reason").GetString());
        var visitor = (await StatusAsync(admin: false)).GetProperty("crawler").GetProperty("lastRun");
        Assert.Equal("failed", visitor.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, visitor.GetProperty("reason").ValueKind);

        var completed = await RunAsync("/api/admin/reindex");
        Assert.Equal("completed", completed.GetProperty("outcome").GetString());
        Assert.Equal(_gallery.Files.Count, completed.GetProperty("indexed").GetInt64());
        Assert.Equal(2, completed.GetProperty("failed").GetInt64());
        Assert.Equal(_gallery.Files.Count + 2, completed.GetProperty("toProcess").GetInt64());

        var noOp = await RunAsync("/api/admin/reindex");
        Assert.Equal("completed", noOp.GetProperty("outcome").GetString());
        Assert.Equal(0, noOp.GetProperty("toProcess").GetInt64());
        Assert.Equal(0, noOp.GetProperty("indexed").GetInt64());
        Assert.Equal(0, noOp.GetProperty("deleted").GetInt64());
        Assert.Equal(_gallery.Files.Count + 2, noOp.GetProperty("skipped").GetInt64());
    }

    [Fact]
    public async Task A_cancelled_run_is_reported_as_cancelled()
    {
        var started = await AdminAsync(HttpMethod.Post, "/api/admin/reindex");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var cancel = await AdminAsync(HttpMethod.Post, "/api/admin/cancel");
        Assert.True((await cancel.Content.ReadFromJsonAsync<CancelResultDto>())!.Cancelled);
        await Reindex.WaitForIdleAsync().WaitAsync(TimeSpan.FromMinutes(2));

        var lastRun = (await StatusAsync(admin: true)).GetProperty("crawler").GetProperty("lastRun");
        Assert.Equal("cancelled", lastRun.GetProperty("outcome").GetString());
        Assert.True(lastRun.GetProperty("indexed").GetInt64() < _gallery.Files.Count);
        Assert.Equal("idle", (await StatusAsync(admin: true)).GetProperty("crawler").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Retry_failed_requeues_the_failed_images_of_the_chosen_kind_only()
    {
        await RunAsync("/api/admin/reindex");
        var stats = _host.Services.GetRequiredService<ICatalogStore>().GetStats();
        var kind = Assert.Single(stats.FailuresByKind).Key;

        var plain = await RunAsync("/api/admin/reindex");
        Assert.Equal(0, plain.GetProperty("failed").GetInt64()); // Unchanged failed files are not tried again by a scan.

        var otherKind = await RunAsync("/api/admin/retry-failed?kind=HttpError");
        Assert.Equal(0, otherKind.GetProperty("failed").GetInt64());

        var retried = await RunAsync($"/api/admin/retry-failed?kind={kind}");
        Assert.Equal(2, retried.GetProperty("failed").GetInt64());
        Assert.Equal(2, retried.GetProperty("toProcess").GetInt64());

        var all = await RunAsync("/api/admin/retry-failed");
        Assert.Equal(2, all.GetProperty("failed").GetInt64());
    }

    [Fact]
    public async Task Retry_failed_refuses_a_bad_kind_and_needs_the_admin_key()
    {
        var bad = await AdminAsync(HttpMethod.Post, "/api/admin/retry-failed?kind=%3Cscript%3E");
        Assert.Contains("failure kind", (await ApiAssert.ProblemAsync(bad, HttpStatusCode.BadRequest)).Detail);
        var tooLong = await AdminAsync(HttpMethod.Post, "/api/admin/retry-failed?kind=" + new string('a', 65));
        await ApiAssert.ProblemAsync(tooLong, HttpStatusCode.BadRequest);

        var anonymous = await _host.SendAsync(HttpMethod.Post, "/api/admin/retry-failed", Remote);
        await ApiAssert.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        var crossSite = await _host.SendAsync(HttpMethod.Post, "/api/admin/retry-failed", Loopback,
            new Dictionary<string, string> { ["Origin"] = "https://elsewhere.example", ["Sec-Fetch-Site"] = "cross-site" });
        await ApiAssert.ProblemAsync(crossSite, HttpStatusCode.Forbidden);
        Assert.Equal(CrawlState.Idle, Reindex.Progress.State);
    }

    [Fact]
    public async Task Sources_list_their_image_counts_and_last_scan()
    {
        // The configured folder is added to the catalog in the background once a model answers, so wait for it.
        var before = await SourcesAsync();
        for (var waited = 0; waited < 600 && !before.Any(s => s.Location == _gallery.Folder); waited++)
        {
            await Task.Delay(100);
            before = await SourcesAsync();
        }
        var fresh = Assert.Single(before, s => s.Location == _gallery.Folder);
        Assert.Equal(0, fresh.Images);
        Assert.Null(fresh.LastScanned);

        await RunAsync("/api/admin/reindex");

        var after = await (await AdminAsync(HttpMethod.Get, "/api/admin/sources")).Content.ReadFromJsonAsync<SourceDto[]>();
        var scanned = Assert.Single(after!, s => s.Location == _gallery.Folder);
        Assert.Equal(_gallery.Files.Count + 2, scanned.Images);
        Assert.Equal(_gallery.Files.Count, scanned.Indexed);
        Assert.Equal(2, scanned.Failed);
        Assert.NotNull(scanned.LastScanned);
    }

    private async Task<SourceDto[]> SourcesAsync() =>
        await (await AdminAsync(HttpMethod.Get, "/api/admin/sources")).Content.ReadFromJsonAsync<SourceDto[]>() ?? [];

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _gallery.Dispose();
    }
}
