using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// Folders, date sort and the hidden near-duplicate count through the API, in Private mode with a viewer's key, over a
/// gallery with subfolders, known modification times and one exact copy (a near-duplicate).
/// </summary>
public sealed class FilterSortApiTests : IAsyncLifetime
{
    private const string AdminKey = "filters-admin-key-5a1f";
    private const string ViewerKey = "filters-viewer-key-77c3";
    private const string Remote = "192.0.2.70";
    private readonly TempDirectory _gallery = new("semsearch-web-filters-gallery");
    private AccessHost _host = default!;
    private long _sourceId;

    public async Task InitializeAsync()
    {
        var red = Directory.EnumerateFiles(RepoPaths.DemoGallery, "red-circle-*.jpg").Order(StringComparer.Ordinal).Take(2).ToList();
        var blue = Directory.EnumerateFiles(RepoPaths.DemoGallery, "blue-square-*.jpg").Order(StringComparer.Ordinal).First();
        var green = Directory.EnumerateFiles(RepoPaths.DemoGallery, "green-star-*.jpg").Order(StringComparer.Ordinal).First();
        Place(red[0], "2023/red-a.jpg", new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        Place(red[0], "2023/red-a-copy.jpg", new DateTime(2023, 6, 2, 0, 0, 0, DateTimeKind.Utc));
        Place(red[1], "2024/red-b.jpg", new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        Place(blue, "2024/blue.jpg", new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc));
        Place(green, "green.jpg", new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _host = new AccessHost(new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = AdminKey,
            ["SemanticSearch:Access:Mode"] = "Private",
            ["SemanticSearch:Access:ViewerKey"] = ViewerKey,
            ["SemanticSearch:Search:DateSortWindow"] = "3",
        }, source: _gallery.Path);
        var reindex = _host.Services.GetRequiredService<IReindexService>();
        var catalog = _host.Services.GetRequiredService<ICatalogStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (catalog.GetStats().Indexed < 5)
        {
            reindex.Start(ReindexMode.Incremental);
            await reindex.WaitForIdleAsync(timeout.Token);
        }
        _sourceId = catalog.GetSources().Single().Id;
    }

    private void Place(string from, string relative, DateTime modified)
    {
        var target = _gallery.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(from, target);
        File.SetLastWriteTimeUtc(target, modified);
    }

    private Task<HttpResponseMessage> GetAsync(string url, string? key = ViewerKey) =>
        _host.SendAsync(HttpMethod.Get, url, Remote, key is null ? null : new Dictionary<string, string> { ["X-Api-Key"] = key });

    [Fact]
    public async Task A_viewer_gets_the_folders_relative_to_their_source_with_counts()
    {
        var response = await GetAsync("/api/search/folders");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var folders = await response.Content.ReadFromJsonAsync<List<FolderDto>>();

        var source = Path.GetFileName(_gallery.Path);
        Assert.Equal(
            [new FolderDto(_sourceId, source, "2023", 2), new FolderDto(_sourceId, source, "2024", 2), new FolderDto(_sourceId, source, "", 1)],
            folders);
        Assert.DoesNotContain(_gallery.Path, body); // no server path
        await ApiAssert.ProblemAsync(await GetAsync("/api/search/folders", key: null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_listed_folder_with_its_source_filters_the_search_to_that_folder()
    {
        var results = await SearchResultsJson.ReadAsync(await GetAsync($"/api/search?q=a+red+circle&source={_sourceId}&folder=2024&duplicates=true"));

        Assert.Equal(["2024/blue.jpg", "2024/red-b.jpg"], results.Results.Select(r => r.Path).Order(StringComparer.Ordinal));
        var problem = await ApiAssert.ProblemAsync(await GetAsync("/api/search?q=a+red+circle&folder=2024"), HttpStatusCode.BadRequest);
        Assert.Contains("give the source id as source=", problem.Detail);
    }

    [Fact]
    public async Task A_server_path_as_folder_is_for_admins_only_so_viewers_cannot_probe_the_server()
    {
        var serverPath = Uri.EscapeDataString(_gallery.Combine("2024"));

        var problem = await ApiAssert.ProblemAsync(await GetAsync($"/api/search?q=a+red+circle&folder={serverPath}"), HttpStatusCode.BadRequest);
        Assert.Contains("server paths are for admins", problem.Detail);
        var admin = await SearchResultsJson.ReadAsync(await GetAsync($"/api/search?q=a+red+circle&folder={serverPath}&duplicates=true", key: AdminKey));
        Assert.Equal(2, admin.Results.Count);
        Assert.All(admin.Results, r => Assert.StartsWith(_gallery.Combine("2024") + "/", r.Path));
    }

    [Fact]
    public async Task Sort_date_orders_the_relevant_window_newest_first()
    {
        var relevance = await SearchResultsJson.ReadAsync(await GetAsync("/api/search?q=a+red+circle&k=3&duplicates=true"));
        var byDate = await SearchResultsJson.ReadAsync(await GetAsync("/api/search?q=a+red+circle&k=10&duplicates=true&sort=date"));

        // The window (3 here) of best matches: the three red circles, newest modification first (no EXIF dates).
        Assert.Equal(["2023/red-a-copy.jpg", "2023/red-a.jpg", "2024/red-b.jpg"], relevance.Results.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["2024/red-b.jpg", "2023/red-a-copy.jpg", "2023/red-a.jpg"], byDate.Results.Select(r => r.Path));
        Assert.False(byDate.HasMore);
        // Both dates are in the image's metadata.
        var details = await (await GetAsync($"/api/images/{byDate.Results[0].Id}")).Content.ReadFromJsonAsync<ImageDetailsDto>();
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), details!.Modified);
        Assert.Null(details.DateTaken);

        var problem = await ApiAssert.ProblemAsync(await GetAsync("/api/search?q=a+red+circle&sort=size"), HttpStatusCode.BadRequest);
        Assert.Contains("sort must be relevance or date", problem.Detail);
    }

    [Fact]
    public async Task The_response_says_how_many_near_duplicates_were_hidden()
    {
        var hidden = await SearchResultsJson.ReadAsync(await GetAsync("/api/search?q=a+red+circle&k=10"));
        var shown = await SearchResultsJson.ReadAsync(await GetAsync("/api/search?q=a+red+circle&k=10&duplicates=true"));

        Assert.Equal(1, hidden.HiddenDuplicates); // the exact copy
        Assert.Equal(shown.Results.Count - 1, hidden.Results.Count);
        Assert.Equal(0, shown.HiddenDuplicates);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _gallery.Dispose();
    }
}
