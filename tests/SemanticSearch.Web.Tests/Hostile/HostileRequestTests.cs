using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Hostile;

/// <summary>
/// Bad input gets a clear 4xx, never a 5xx: the API answers problem details, the search page its own error state.
/// Replays <see cref="HostileCorpus"/> against the real host.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class HostileRequestTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    [Fact]
    public async Task The_hostile_corpus_gets_no_5xx_and_the_api_never_answers_html()
    {
        var imageId = app.IdOf(Path.GetFileName(app.Gallery.Files[0]));
        var failures = new List<string>();
        foreach (var request in HostileCorpus.All(imageId))
        {
            using var message = request.ToMessage();
            using var response = await Client.SendAsync(message);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var isApi = request.Url.StartsWith("/api", StringComparison.Ordinal);
            if (status >= 500)
                failures.Add($"{request}: {status}");
            else if (isApi && status >= 400 && mediaType != "application/problem+json")
                failures.Add($"{request}: {status} as {mediaType ?? "no content type"}, not problem details");
            else if (isApi && mediaType == "text/html")
                failures.Add($"{request}: HTML from the API");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_weight_too_large_for_a_number_is_a_400_problem_naming_the_term()
    {
        var url = "/api/search?q=" + Uri.EscapeDataString("cat + " + HostileCorpus.InfiniteWeight);

        var problem = await ApiAssert.ProblemAsync(await Client.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.Contains("term 2", problem.Detail);
        Assert.Contains("from 0 to 100", problem.Detail);
    }

    [Fact]
    public async Task Two_huge_weights_are_refused_rather_than_scored_nan()
    {
        var url = "/api/search?q=" + Uri.EscapeDataString(HostileCorpus.OverflowingWeights);

        var problem = await ApiAssert.ProblemAsync(await Client.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.Contains("term 1", problem.Detail);
    }

    [Theory]
    [InlineData("boundary mismatch")]
    [InlineData("unterminated")]
    [InlineData("garbage")]
    [InlineData("header without end")]
    public async Task A_malformed_multipart_upload_is_a_400_problem(string name)
    {
        var (_, contentType, body) = HostileCorpus.BrokenMultipart.Single(m => m.Name == name);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var problem = await ApiAssert.ProblemAsync(await Client.PostAsync("/api/search/image", content), HttpStatusCode.BadRequest);

        Assert.Contains("multipart", problem.Detail);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("-3")]
    public async Task A_similar_link_with_no_image_id_is_400_with_the_page_error(string similar)
    {
        var response = await Client.GetAsync("/?similar=" + similar);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"search-error\"", html);
        Assert.Contains("is not an image id", html);
    }

    [Fact]
    public async Task A_page_query_over_the_length_limit_is_400_with_the_limit()
    {
        var response = await Client.GetAsync("/?q=" + new string('a', 501));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the limit is 500", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_query_with_an_infinite_weight_is_400_naming_the_term()
    {
        var response = await Client.GetAsync("/?q=" + Uri.EscapeDataString(HostileCorpus.InfiniteWeight));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"search-error\"", html);
        Assert.Contains("term 1", html);
    }
}
