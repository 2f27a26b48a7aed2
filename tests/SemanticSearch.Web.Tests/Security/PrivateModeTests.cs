using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>
/// <c>SemanticSearch:Access:Mode = Private</c> over a small indexed gallery: nothing but <c>/health</c> and the
/// sign-in page without a viewer or admin; the viewer key signs in or goes in <c>X-Api-Key</c>; images are never
/// cacheable by shared caches.
/// </summary>
public sealed class PrivateModeTests : IAsyncLifetime
{
    private const string AdminKey = "private-admin-key-0b7e";
    private const string ViewerKey = "private-viewer-key-9d24";
    private const string Remote = "192.0.2.60";
    private readonly TempDirectory _gallery = new("semsearch-web-private-gallery");
    private AccessHost _host = default!;
    private long _imageId;

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.DemoGallery, "*.jpg").Order(StringComparer.Ordinal).Take(3))
            File.Copy(file, _gallery.Combine(Path.GetFileName(file)));
        _host = new AccessHost(new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = AdminKey,
            ["SemanticSearch:Access:Mode"] = "Private",
            ["SemanticSearch:Access:ViewerKey"] = ViewerKey,
        }, source: _gallery.Path);
        var reindex = _host.Services.GetRequiredService<IReindexService>();
        var catalog = _host.Services.GetRequiredService<ICatalogStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (catalog.GetStats().Indexed < 3)
        {
            reindex.Start(ReindexMode.Incremental);
            await reindex.WaitForIdleAsync(timeout.Token);
        }
        _imageId = catalog.FindIndexedIds(Core.Search.SearchFilter.None, 10).First();
    }

    private Task<HttpResponseMessage> GetAsync(string url, string? key = null, string? cookie = null)
    {
        var headers = new Dictionary<string, string>();
        if (key is not null)
            headers["X-Api-Key"] = key;
        if (cookie is not null)
            headers["Cookie"] = cookie;
        return _host.SendAsync(HttpMethod.Get, url, Remote, headers);
    }

    [Theory]
    [InlineData("/api/search?q=red")]
    [InlineData("/api/status")]
    [InlineData("/api/images/{id}")]
    [InlineData("/api/images/{id}/thumbnail")]
    [InlineData("/api/images/{id}/original")]
    [InlineData("/api/images/{id}/similar")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/metrics")]
    public async Task Anonymous_api_calls_get_401_problem_details(string url)
    {
        var response = await GetAsync(url.Replace("{id}", _imageId.ToString(), StringComparison.Ordinal));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("private", problem.Detail);
    }

    [Fact]
    public async Task An_anonymous_image_search_upload_is_401_too()
    {
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(Directory.EnumerateFiles(_gallery.Path).First()));
        var response = await _host.SendAsync(HttpMethod.Post, "/api/search/image", Remote, content: body);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?q=red+circle")]
    [InlineData("/admin")]
    [InlineData("/no/such/page")]
    public async Task Anonymous_page_loads_get_the_sign_in_page(string url)
    {
        var response = await GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/signin?returnUrl=", response.Headers.Location!.OriginalString);
        var signIn = await GetAsync(response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var html = await signIn.Content.ReadAsStringAsync();
        Assert.Contains("This SemanticSearch is private", html);
        Assert.DoesNotContain("data-image-id", html);
    }

    [Fact]
    public async Task A_stored_query_image_searches_only_for_clients_allowed_to_search()
    {
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(Directory.EnumerateFiles(_gallery.Path).First()));
        var uploaded = await SearchResultsJson.ReadAsync(
            await _host.SendAsync(HttpMethod.Post, "/api/search/image", Remote, new Dictionary<string, string> { ["X-Api-Key"] = ViewerKey }, body));
        Assert.NotNull(uploaded.ImageId);

        await ApiAssert.ProblemAsync(await GetAsync($"/api/search?image={uploaded.ImageId}&q=red"), HttpStatusCode.Unauthorized);
        var page = await GetAsync($"/?image={uploaded.ImageId}&q=red");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/admin/signin?returnUrl=", page.Headers.Location!.OriginalString);
        var again = await SearchResultsJson.ReadAsync(await GetAsync($"/api/search?image={uploaded.ImageId}&q=red", key: ViewerKey));
        Assert.NotEmpty(again.Results);
    }

    [Fact]
    public async Task Health_and_the_sign_in_page_stay_open()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/admin/signin")).StatusCode);
    }

    [Fact]
    public async Task The_viewer_key_in_X_Api_Key_searches_but_does_not_administer()
    {
        var results = await SearchResultsJson.ReadAsync(await GetAsync("/api/search?q=red", key: ViewerKey));
        Assert.NotEmpty(results.Results);

        await ApiAssert.ProblemAsync(await GetAsync("/api/admin/sources", key: ViewerKey), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await GetAsync("/api/search?q=red", key: "not-a-key"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_admin_key_grants_viewing_too()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/status", key: AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/admin/sources", key: AdminKey)).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_viewer_sees_pages_and_images_that_shared_caches_may_not_keep()
    {
        var cookie = await SignInForm.SessionCookieAsync(_host, Remote, ViewerKey);

        var page = await GetAsync("/?q=red", cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-image-id", await page.Content.ReadAsStringAsync());
        foreach (var kind in new[] { "thumbnail", "original" })
        {
            var image = await GetAsync($"/api/images/{_imageId}/{kind}", cookie: cookie);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.True(image.Headers.CacheControl!.Private, $"{kind}: {image.Headers.CacheControl}");
            Assert.False(image.Headers.CacheControl.Public, $"{kind}: {image.Headers.CacheControl}");
        }
        var details = await (await GetAsync($"/api/images/{_imageId}", cookie: cookie)).Content.ReadFromJsonAsync<ImageDetailsDto>();
        Assert.Equal(_imageId, details!.Id);

        // A viewer session is not an admin one: the admin page asks to sign in, the admin API ignores the cookie.
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync("/admin", cookie: cookie)).StatusCode);
        await ApiAssert.ProblemAsync(await GetAsync("/api/admin/sources", cookie: cookie), HttpStatusCode.Unauthorized);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _gallery.Dispose();
    }
}
