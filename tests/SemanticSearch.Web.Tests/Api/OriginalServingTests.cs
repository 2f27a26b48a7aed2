using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// Issue 7, finding 1: only indexed images are served, only while their file is still the one indexed, inside its
/// source; links out of a source are not crawled; anonymous callers see no server paths. Finding 8: a file whose name
/// is not UTF-8 is indexed and served. Each test gets its own host and source folder, since they change files.
/// </summary>
public sealed class OriginalServingTests : IAsyncLifetime
{
    private const string AdminKey = "serving-admin-key-0123456789";
    private readonly TempDirectory _data = new("semsearch-web-serving");
    private readonly TempDirectory _outside = new("semsearch-web-outside");
    private SemanticSearchFactory _factory = default!;
    private HttpClient _client = default!;

    private string Source => _data.Combine("photos");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Source, "sub"));
        var demo = Directory.EnumerateFiles(RepoPaths.DemoGallery, "*.jpg").Order(StringComparer.Ordinal).ToList();
        File.Copy(demo[0], Path.Combine(Source, "a.jpg"));
        File.Copy(demo[1], Path.Combine(Source, "sub", "b.jpg"));
        File.Copy(demo[2], _outside.Combine("elsewhere.jpg"));
        _factory = new SemanticSearchFactory(new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = _data.Combine("data"),
            ["SemanticSearch:Sources:0:Kind"] = "Folder",
            ["SemanticSearch:Sources:0:Location"] = Source,
            ["SemanticSearch:Admin:ApiKey"] = AdminKey,
            ["SemanticSearch:Crawler:ScanOnStartup"] = "false",
            ["SemanticSearch:RateLimiting:Enabled"] = "false",
        });
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<CatalogImage>> IndexAsync()
    {
        var reindex = _factory.Services.GetRequiredService<IReindexService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        reindex.Start(ReindexMode.Incremental);
        await reindex.WaitForIdleAsync(timeout.Token);
        var catalog = _factory.Services.GetRequiredService<ICatalogStore>();
        var images = new List<CatalogImage>();
        for (long id = 1; id < 100; id++)
        {
            if (catalog.GetImage(id) is { } image)
                images.Add(image);
        }
        return images;
    }

    private Task<HttpResponseMessage> AsAdminAsync(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", AdminKey);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task Original_of_a_link_to_a_file_outside_the_source_is_never_served()
    {
        File.CreateSymbolicLink(Path.Combine(Source, "passwd.jpg"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(Source, "sub", "elsewhere.jpg"), _outside.Combine("elsewhere.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(Source, "linked"), _outside.Path);

        var images = await IndexAsync();

        // Neither link became a catalog row, and no id serves anything from outside the source.
        Assert.Equal([Path.Combine(Source, "a.jpg"), Path.Combine(Source, "sub", "b.jpg")], images.Select(i => i.Location).Order(StringComparer.Ordinal));
        for (long id = 1; id <= images.Max(i => i.Id) + 2; id++)
        {
            var body = await (await AsAdminAsync($"/api/images/{id}/original")).Content.ReadAsByteArrayAsync();
            Assert.DoesNotContain("root:", System.Text.Encoding.Latin1.GetString(body));
            Assert.NotEqual(await File.ReadAllBytesAsync(_outside.Combine("elsewhere.jpg")), body);
        }
    }

    [Fact]
    public async Task An_indexed_file_replaced_by_a_link_outside_the_source_is_404_without_a_rescan()
    {
        var image = Assert.Single(await IndexAsync(), i => i.Location.EndsWith("a.jpg", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/images/{image.Id}/original")).StatusCode);

        File.Delete(image.Location);
        File.CreateSymbolicLink(image.Location, "/etc/passwd");

        var original = await _client.GetAsync($"/api/images/{image.Id}/original");
        var problem = await ApiAssert.ProblemAsync(original, HttpStatusCode.NotFound);
        Assert.Contains($"image {image.Id}", problem.Detail);
        await ApiAssert.ProblemAsync(await _client.GetAsync($"/api/images/{image.Id}/thumbnail"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_indexed_file_changed_since_indexing_is_404_until_the_next_scan()
    {
        var image = Assert.Single(await IndexAsync(), i => i.Location.EndsWith("b.jpg", StringComparison.Ordinal));
        await File.AppendAllTextAsync(image.Location, "appended");

        await ApiAssert.ProblemAsync(await _client.GetAsync($"/api/images/{image.Id}/original"), HttpStatusCode.NotFound);

        await IndexAsync();
        var served = await _client.GetAsync($"/api/images/{image.Id}/original");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(image.Location), await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Originals_and_thumbnails_are_served_only_for_indexed_images()
    {
        await File.WriteAllTextAsync(Path.Combine(Source, "notes.jpg"), "secret notes, not an image");
        var failed = Assert.Single(await IndexAsync(), i => i.Status == ImageStatus.Failed);

        await ApiAssert.ProblemAsync(await AsAdminAsync($"/api/images/{failed.Id}/original"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await AsAdminAsync($"/api/images/{failed.Id}/thumbnail"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_callers_see_locations_relative_to_the_source_and_no_failure_reasons()
    {
        await File.WriteAllTextAsync(Path.Combine(Source, "notes.jpg"), "not an image");
        var images = await IndexAsync();
        var b = Assert.Single(images, i => i.Location.EndsWith("b.jpg", StringComparison.Ordinal));
        var failed = Assert.Single(images, i => i.Status == ImageStatus.Failed);

        var anonymous = await _client.GetFromJsonAsync<ImageDetailsDto>($"/api/images/{b.Id}");
        Assert.Equal(("sub/b.jpg", "photos"), (anonymous!.Path, anonymous.Source));
        var anonymousFailed = await _client.GetFromJsonAsync<ImageDetailsDto>($"/api/images/{failed.Id}");
        Assert.Equal(("notes.jpg", "failed", null), (anonymousFailed!.Path, anonymousFailed.Status, anonymousFailed.FailureReason));
        var search = await SearchResultsJson.ReadAsync(await _client.GetAsync("/api/search?q=a+photo&k=10"));
        Assert.NotEmpty(search.Results);
        Assert.All(search.Results, r => Assert.False(r.Path.StartsWith('/'), r.Path));
        var status = await _client.GetStringAsync("/api/status");
        Assert.DoesNotContain(_data.Path, status);

        var admin = await (await AsAdminAsync($"/api/images/{failed.Id}")).Content.ReadFromJsonAsync<ImageDetailsDto>();
        Assert.Equal(failed.Location, admin!.Path);
        Assert.False(string.IsNullOrWhiteSpace(admin.FailureReason));
    }

    [Fact]
    public async Task A_file_named_in_Latin1_is_indexed_shown_escaped_and_its_original_served()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Source, "a.jpg"));
        File.Move(Path.Combine(Source, "a.jpg"), Path.Combine(Source, "cafe.jpg"));
        RawFileNames.Rename(Path.Combine(Source, "cafe.jpg"), Source, [.. "caf"u8, 0xE9, .. ".jpg"u8]);

        var image = Assert.Single(await IndexAsync(), i => i.Location.Contains("caf", StringComparison.Ordinal));

        Assert.Equal(ImageStatus.Indexed, image.Status);
        Assert.Equal(Source + @"/caf\xE9.jpg", image.Location);
        var details = await _client.GetFromJsonAsync<ImageDetailsDto>($"/api/images/{image.Id}");
        Assert.Equal(@"caf\xE9.jpg", details!.Path);
        var original = await _client.GetAsync($"/api/images/{image.Id}/original");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(bytes, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/images/{image.Id}/thumbnail")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _outside.Dispose();
        _data.Dispose();
    }
}
