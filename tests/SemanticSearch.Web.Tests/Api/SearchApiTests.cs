using System.Net;
using System.Net.Http.Headers;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class SearchApiTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    [Theory]
    [InlineData("red-circle")]
    [InlineData("blue-square")]
    [InlineData("yellow-heart")]
    public async Task Text_search_puts_the_matching_colour_and_shape_first(string combination)
    {
        var text = "a " + combination.Replace('-', ' ');

        var results = await SearchResultsJson.ReadAsync(await Client.GetAsync($"/api/search?q={Uri.EscapeDataString(text)}&k=5"));

        Assert.Equal(combination, results.Combinations().First());
        Assert.Equal((0, 5), (results.Offset, results.K));
        Assert.InRange(results.Results.Count, 1, 5);
        Assert.True(results.TookMs > 0);
        var top = results.Results[0];
        Assert.Equal($"/api/images/{top.Id}/thumbnail", top.ThumbnailUrl.Split('?')[0]);
        // Anonymous: the location relative to the source (a file of the gallery's top folder), and the source's name.
        Assert.True(File.Exists(Path.Combine(app.Gallery.Folder, top.Path)), top.Path);
        Assert.Equal(Path.GetFileName(app.Gallery.Folder), top.Source);
        Assert.Equal(results.Results.OrderByDescending(r => r.Score).Select(r => r.Id), results.Results.Select(r => r.Id));
    }

    [Fact]
    public async Task Paging_continues_where_the_first_page_ended()
    {
        var first = await SearchResultsJson.ReadAsync(await Client.GetAsync("/api/search?q=a+green+star&k=4&duplicates=true"));
        var second = await SearchResultsJson.ReadAsync(await Client.GetAsync("/api/search?q=a+green+star&k=4&offset=4&duplicates=true"));

        Assert.True(first.HasMore);
        Assert.Equal(4, second.Offset);
        Assert.Empty(first.Results.Select(r => r.Id).Intersect(second.Results.Select(r => r.Id)));
    }

    [Fact]
    public async Task A_weighted_expression_is_accepted()
    {
        var results = await SearchResultsJson.ReadAsync(await Client.GetAsync(
            "/api/search?q=" + Uri.EscapeDataString("a red circle + 0.5 a blue square - a green star") + "&k=3"));

        Assert.NotEmpty(results.Results);
        Assert.DoesNotContain("green-star", results.Combinations());
    }

    [Fact]
    public async Task A_multipart_upload_finds_the_original_of_its_near_duplicate()
    {
        var original = app.Gallery.Files.First(f => FixtureGallery.CombinationOf(f) == "purple-hexagon");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ImageBytes.NearDuplicate(original));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream"); // The server must sniff, not trust this.
        form.Add(file, "file", "query.bin");

        var results = await SearchResultsJson.ReadAsync(await Client.PostAsync("/api/search/image?k=3", form));

        Assert.Equal(Path.GetFileName(original), Path.GetFileName(results.Results[0].Path));
        Assert.True(results.Results[0].Score > 0.9f, $"score {results.Results[0].Score}");
    }

    [Fact]
    public async Task A_raw_body_upload_of_an_unseen_image_finds_its_kind()
    {
        var query = app.Gallery.HeldBack["orange-cross"];
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(query));
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var results = await SearchResultsJson.ReadAsync(await Client.PostAsync("/api/search/image?k=3", body));

        Assert.Equal("orange-cross", results.Combinations().First());
    }

    [Theory]
    [InlineData("/api/search", "empty")]
    [InlineData("/api/search?q=%20%20", "empty")]
    [InlineData("/api/search?q=red&k=0", "k must be")]
    [InlineData("/api/search?q=red&k=201", "k must be")]
    [InlineData("/api/search?q=red&k=ten", "k must be")]
    [InlineData("/api/search?q=red&offset=-1", "offset must be")]
    [InlineData("/api/search?q=red&minScore=2", "minScore must be")]
    [InlineData("/api/search?q=red&from=yesterday", "from must be")]
    [InlineData("/api/search?q=red&source=x", "source must be")]
    public async Task Bad_parameters_are_400_problems_that_say_what_is_wrong(string url, string expected)
    {
        var problem = await ApiAssert.ProblemAsync(await Client.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.Detail);
    }

    [Fact]
    public async Task A_too_long_query_is_refused_with_the_limit()
    {
        var problem = await ApiAssert.ProblemAsync(await Client.GetAsync("/api/search?q=" + new string('a', 501)), HttpStatusCode.BadRequest);

        Assert.Contains("501 characters", problem.Detail);
        Assert.Contains("500", problem.Detail);
    }

    [Fact]
    public async Task A_non_image_upload_is_415_and_a_corrupt_one_400()
    {
        using var text = new ByteArrayContent("<html>this is not an image</html>"u8.ToArray());
        text.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg"); // A lying content type changes nothing.
        await ApiAssert.ProblemAsync(await Client.PostAsync("/api/search/image", text), HttpStatusCode.UnsupportedMediaType);

        var jpeg = app.Gallery.Files.First(f => f.EndsWith(".jpg", StringComparison.Ordinal));
        using var corrupt = new ByteArrayContent(ImageBytes.Truncated(jpeg));
        await ApiAssert.ProblemAsync(await Client.PostAsync("/api/search/image", corrupt), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Empty_missing_and_oversized_uploads_are_refused()
    {
        var empty = await ApiAssert.ProblemAsync(await Client.PostAsync("/api/search/image", new ByteArrayContent([])), HttpStatusCode.BadRequest);
        Assert.Contains("empty", empty.Detail);

        using var noFile = new MultipartFormDataContent { { new StringContent("red"), "q" } };
        var missing = await ApiAssert.ProblemAsync(await Client.PostAsync("/api/search/image", noFile), HttpStatusCode.BadRequest);
        Assert.Contains("'file'", missing.Detail);

        using var huge = new ByteArrayContent(new byte[20 * 1024 * 1024 + 1]);
        var tooLarge = await ApiAssert.ProblemAsync(await Client.PostAsync("/api/search/image", huge), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20 MB", tooLarge.Detail);
    }
}
