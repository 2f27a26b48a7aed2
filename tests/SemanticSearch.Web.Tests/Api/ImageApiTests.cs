using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class ImageApiTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    private string AnyFile(string combination) => app.Gallery.Files.First(f => FixtureGallery.CombinationOf(f) == combination);

    [Fact]
    public async Task Metadata_describes_the_catalog_image()
    {
        var file = AnyFile("pink-diamond");
        var id = app.IdOf(Path.GetFileName(file));

        var image = await Client.GetFromJsonAsync<ImageDetailsDto>($"/api/images/{id}");

        Assert.NotNull(image);
        // Anonymous: the path relative to the source; the absolute path is for the admin.
        Assert.Equal((id, Path.GetFileName(file), new FileInfo(file).Length, "indexed"), (image.Id, image.Path, image.Size, image.Status));
        using var asAdmin = new HttpRequestMessage(HttpMethod.Get, $"/api/images/{id}");
        asAdmin.Headers.Add("X-Api-Key", WebAppFixture.AdminKey);
        var admin = await (await Client.SendAsync(asAdmin)).Content.ReadFromJsonAsync<ImageDetailsDto>();
        Assert.Equal(file, admin!.Path);
        Assert.True(image.Width > 0 && image.Height > 0);
        Assert.Contains(image.Format, new[] { "jpeg", "png" });
        Assert.Equal($"/api/images/{id}/similar", image.SimilarUrl);
    }

    [Fact]
    public async Task More_like_this_ranks_the_same_kind_first()
    {
        var file = AnyFile("black-triangle");
        var id = app.IdOf(Path.GetFileName(file));

        var results = await SearchResultsJson.ReadAsync(await Client.GetAsync($"/api/images/{id}/similar?k=4"));

        var others = results.Results.Where(r => r.Id != id).ToList();
        Assert.Equal("black-triangle", FixtureGallery.CombinationOf(others[0].Path));
    }

    [Fact]
    public async Task Thumbnails_are_cacheable_and_revalidate_with_304()
    {
        var id = app.IdOf(Path.GetFileName(AnyFile("green-star")));

        var first = await Client.GetAsync($"/api/images/{id}/thumbnail");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith("image/", first.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await first.Content.ReadAsByteArrayAsync());
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.True(first.Headers.CacheControl?.MaxAge > TimeSpan.Zero);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/images/{id}/thumbnail");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var second = await Client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_original_is_served_from_the_catalog_path()
    {
        var file = AnyFile("white-star");
        var id = app.IdOf(Path.GetFileName(file));

        var response = await Client.GetAsync($"/api/images/{id}/original");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(file), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(file.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/similar")]
    [InlineData("/thumbnail")]
    [InlineData("/original")]
    public async Task Unknown_ids_are_404_problems(string suffix)
    {
        var problem = await ApiAssert.ProblemAsync(await Client.GetAsync($"/api/images/987654{suffix}"), HttpStatusCode.NotFound);

        Assert.Contains("987654", problem.Detail);
    }

    [Fact]
    public async Task Paths_in_the_request_are_never_files()
    {
        var response = await Client.GetAsync("/api/images/..%2F..%2Fetc%2Fpasswd/original");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Uploads_are_sniffed_not_trusted_by_extension()
    {
        // A real image named like a text file is still searched with.
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(AnyFile("brown-circle")));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "notes.txt");

        var results = await SearchResultsJson.ReadAsync(await Client.PostAsync("/api/search/image?k=1", form));

        Assert.Equal("brown-circle", results.Combinations().Single());
    }
}
