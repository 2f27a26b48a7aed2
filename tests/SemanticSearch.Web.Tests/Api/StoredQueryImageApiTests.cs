using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Web.QueryImages;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary><c>POST /api/search/image</c> keeps the image and returns its id; <c>GET /api/search?image=</c> uses it.</summary>
[Collection(WebAppCollection.Name)]
public sealed class StoredQueryImageApiTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    private string StoreFolder => app.Services.GetRequiredService<QueryImageStore>().Directory;

    private static ByteArrayContent Body(byte[] bytes)
    {
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return body;
    }

    [Fact]
    public async Task An_uploaded_query_image_gets_its_hash_as_an_id_that_searches_with_it_again()
    {
        var bytes = await File.ReadAllBytesAsync(app.Gallery.HeldBack["orange-cross"]);
        using var body = Body(bytes);

        var uploaded = await SearchResultsJson.ReadAsync(await Client.PostAsync("/api/search/image?k=5", body));
        var again = await SearchResultsJson.ReadAsync(await Client.GetAsync($"/api/search?image={uploaded.ImageId}&k=5"));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), uploaded.ImageId);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(StoreFolder, uploaded.ImageId!)));
        Assert.Equal(uploaded.Results.Select(r => (r.Id, r.Score)), again.Results.Select(r => (r.Id, r.Score)));
        Assert.Equal(uploaded.ImageId, again.ImageId);
    }

    [Fact]
    public async Task Words_next_to_a_stored_image_change_its_ranking()
    {
        using var body = Body(await File.ReadAllBytesAsync(app.Gallery.HeldBack["orange-cross"]));
        var id = (await SearchResultsJson.ReadAsync(await Client.PostAsync("/api/search/image?k=3", body))).ImageId;

        var image = await SearchResultsJson.ReadAsync(await Client.GetAsync($"/api/search?image={id}&k=40&duplicates=true"));
        var mixed = await SearchResultsJson.ReadAsync(await Client.GetAsync($"/api/search?image={id}&q={Uri.EscapeDataString("2 a blue square")}&k=40&duplicates=true"));

        Assert.Equal("orange-cross", image.Combinations().First());
        Assert.NotEqual(image.Results.Select(r => r.Id), mixed.Results.Select(r => r.Id));
        Assert.True(mixed.Combinations().Take(3).Count(c => c == "blue-square") > image.Combinations().Take(3).Count(c => c == "blue-square"),
            string.Join(", ", mixed.Combinations().Take(3)));
    }

    [Fact]
    public async Task An_unknown_or_expired_image_id_is_a_404_problem()
    {
        var unknown = Convert.ToHexStringLower(SHA256.HashData("never uploaded"u8));

        var problem = await ApiAssert.ProblemAsync(await Client.GetAsync($"/api/search?image={unknown}&q=red"), HttpStatusCode.NotFound);

        Assert.Contains("kept for 24 hours", problem.Detail);
    }

    [Theory]
    [InlineData("..%2F..%2Fcatalog.db")]
    [InlineData("abc")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85z")]
    public async Task An_image_id_that_is_not_a_lowercase_hash_is_a_400_problem(string id)
    {
        var problem = await ApiAssert.ProblemAsync(await Client.GetAsync($"/api/search?image={id}"), HttpStatusCode.BadRequest);

        Assert.Contains("is not a query image id", problem.Detail);
    }

    [Fact]
    public async Task An_upload_that_is_not_an_image_is_not_kept()
    {
        var bytes = "%PDF-1.4 definitely not a picture"u8.ToArray();
        using var body = Body(bytes);

        await ApiAssert.ProblemAsync(await Client.PostAsync("/api/search/image", body), HttpStatusCode.UnsupportedMediaType);

        Assert.False(File.Exists(Path.Combine(StoreFolder, Convert.ToHexStringLower(SHA256.HashData(bytes)))));
    }
}
