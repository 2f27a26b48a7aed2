using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary><c>POST /api/admin/sources</c>: one source per location, and a clear answer for a file.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AdminSourceApiTests(WebAppFixture app)
{
    private async Task<HttpResponseMessage> AddAsync(string location)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/sources") { Content = JsonContent.Create(new { location }) };
        request.Headers.Add("X-Api-Key", WebAppFixture.AdminKey);
        var response = await app.Client.SendAsync(request);
        await app.Services.GetRequiredService<IReindexService>().WaitForIdleAsync();
        return response;
    }

    private async Task<SourceDto[]> ListAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/sources");
        request.Headers.Add("X-Api-Key", WebAppFixture.AdminKey);
        return (await (await app.Client.SendAsync(request)).Content.ReadFromJsonAsync<SourceDto[]>())!;
    }

    private async Task RemoveAsync(long id)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/sources/{id}");
        request.Headers.Add("X-Api-Key", WebAppFixture.AdminKey);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_folder_added_again_with_a_trailing_slash_or_through_a_link_is_the_same_source()
    {
        using var temp = new TempDirectory("semsearch-web-spelling");
        var photos = Directory.CreateDirectory(temp.Combine("photos")).FullName;
        Directory.CreateSymbolicLink(temp.Combine("link"), photos);

        var first = await (await AddAsync(photos)).Content.ReadFromJsonAsync<SourceDto>();
        try
        {
            var slash = await (await AddAsync(photos + "/")).Content.ReadFromJsonAsync<SourceDto>();
            var linked = await (await AddAsync(temp.Combine("link") + "/")).Content.ReadFromJsonAsync<SourceDto>();

            Assert.Equal((first!.Id, photos), (slash!.Id, slash.Location));
            Assert.Equal((first.Id, photos), (linked!.Id, linked.Location));
            Assert.Single(await ListAsync(), s => s.Location.StartsWith(temp.Path, StringComparison.Ordinal));
        }
        finally
        {
            await RemoveAsync(first!.Id);
        }
    }

    [Fact]
    public async Task A_file_given_as_a_source_is_400_and_says_it_is_a_file()
    {
        var image = Directory.EnumerateFiles(app.Gallery.Folder).First();

        var problem = await ApiAssert.ProblemAsync(await AddAsync(image), HttpStatusCode.BadRequest);

        Assert.Contains("is a file, not a folder", problem.Detail);
        Assert.DoesNotContain(await ListAsync(), s => s.Location == image);
    }

    [Fact]
    public async Task A_location_with_a_nul_or_longer_than_a_path_is_a_400_problem_not_a_server_error()
    {
        var nul = await ApiAssert.ProblemAsync(await AddAsync(app.Gallery.Folder + "\0/x"), HttpStatusCode.BadRequest);
        var huge = await ApiAssert.ProblemAsync(await AddAsync("/" + new string('a', 10_000)), HttpStatusCode.BadRequest);

        Assert.Contains("control characters", nul.Detail);
        Assert.Contains("at most", huge.Detail);
        Assert.True(huge.Detail!.Length < 200);
    }
}
