using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class AdminApiTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    private static HttpRequestMessage Admin(HttpMethod method, string url, string? key = WebAppFixture.AdminKey, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Theory]
    [InlineData("POST", "/api/admin/reindex?mode=full")]
    [InlineData("POST", "/api/admin/cancel")]
    [InlineData("GET", "/api/admin/sources")]
    [InlineData("DELETE", "/api/admin/sources/1")]
    public async Task Without_the_key_admin_answers_401(string method, string url)
    {
        var reindex = app.Services.GetRequiredService<IReindexService>();
        var response = await Client.SendAsync(Admin(new HttpMethod(method), url, key: null));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.Detail);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(CrawlState.Idle, reindex.Progress.State);
    }

    [Fact]
    public async Task A_wrong_key_is_401_too()
    {
        await ApiAssert.ProblemAsync(await Client.SendAsync(Admin(HttpMethod.Get, "/api/admin/sources", key: "wrong")), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await Client.SendAsync(Admin(HttpMethod.Get, "/api/admin/sources", key: WebAppFixture.AdminKey + "x")), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task With_the_key_a_full_rebuild_runs_and_the_catalog_stays_complete()
    {
        var response = await Client.SendAsync(Admin(HttpMethod.Post, "/api/admin/reindex", content: JsonContent.Create(new { mode = "full" })));

        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, response.StatusCode.ToString());
        var result = await response.Content.ReadFromJsonAsync<ReindexResultDto>();
        Assert.NotNull(result);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        await app.Services.GetRequiredService<IReindexService>().WaitForIdleAsync();
        var status = await Client.GetFromJsonAsync<StatusDto>("/api/status");
        Assert.Equal(app.Gallery.Files.Count, status!.Indexed);
        Assert.Equal(app.Gallery.Files.Count, status.Vectors);
    }

    [Fact]
    public async Task A_bad_mode_is_400_and_cancel_when_idle_says_so()
    {
        var problem = await ApiAssert.ProblemAsync(await Client.SendAsync(Admin(HttpMethod.Post, "/api/admin/reindex?mode=sometimes")), HttpStatusCode.BadRequest);
        Assert.Contains("incremental", problem.Detail);

        await app.Services.GetRequiredService<IReindexService>().WaitForIdleAsync();
        var cancel = await Client.SendAsync(Admin(HttpMethod.Post, "/api/admin/cancel"));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.False((await cancel.Content.ReadFromJsonAsync<CancelResultDto>())!.Cancelled);
    }

    [Fact]
    public async Task Sources_can_be_listed_added_and_removed()
    {
        var sources = await (await Client.SendAsync(Admin(HttpMethod.Get, "/api/admin/sources"))).Content.ReadFromJsonAsync<SourceDto[]>();
        Assert.Contains(sources!, s => s.Location == app.Gallery.Folder && s.Kind == "folder");

        var missing = await Client.SendAsync(Admin(HttpMethod.Post, "/api/admin/sources", content: JsonContent.Create(new { location = "/no/such/folder" })));
        Assert.Contains("does not exist", (await ApiAssert.ProblemAsync(missing, HttpStatusCode.BadRequest)).Detail);
        var ftp = await Client.SendAsync(Admin(HttpMethod.Post, "/api/admin/sources", content: JsonContent.Create(new { location = "ftp://127.0.0.1/x" })));
        await ApiAssert.ProblemAsync(ftp, HttpStatusCode.BadRequest);

        using var empty = new TempDirectory("semsearch-web-source");
        var added = await Client.SendAsync(Admin(HttpMethod.Post, "/api/admin/sources", content: JsonContent.Create(new { location = empty.Path })));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var source = await added.Content.ReadFromJsonAsync<SourceDto>();
        Assert.Equal(empty.Path, source!.Location);
        await app.Services.GetRequiredService<IReindexService>().WaitForIdleAsync();

        var removed = await Client.SendAsync(Admin(HttpMethod.Delete, $"/api/admin/sources/{source.Id}"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await ApiAssert.ProblemAsync(await Client.SendAsync(Admin(HttpMethod.Delete, $"/api/admin/sources/{source.Id}")), HttpStatusCode.NotFound);
    }
}
