using System.Net.Http.Headers;
using System.Text.Json;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class WeakMatchApiTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    /// <summary>The raw <c>weakMatch</c> member, so the contract's name and presence are what is tested.</summary>
    private static async Task<bool> WeakMatchOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("results").GetArrayLength() > 0, body);
        return json.RootElement.GetProperty("weakMatch").GetBoolean();
    }

    [Theory]
    [InlineData("cat")]
    [InlineData("a photo of a dog")]
    [InlineData("mountains + beach")]
    public async Task A_text_search_for_what_the_gallery_lacks_says_weakMatch_true(string text)
    {
        Assert.True(await WeakMatchOf(await Client.GetAsync($"/api/search?q={Uri.EscapeDataString(text)}&k=5")));
    }

    [Theory]
    [InlineData("a red circle")]
    [InlineData("blue")]
    [InlineData("two green stars")]
    public async Task A_text_search_for_what_the_gallery_shows_says_weakMatch_false(string text)
    {
        Assert.False(await WeakMatchOf(await Client.GetAsync($"/api/search?q={Uri.EscapeDataString(text)}&k=5")));
    }

    [Fact]
    public async Task Image_and_more_like_this_searches_say_weakMatch_false()
    {
        var original = app.Gallery.HeldBack["purple-hexagon"];
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(original));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.False(await WeakMatchOf(await Client.PostAsync("/api/search/image?k=3", body)));

        var id = app.IdOf(Path.GetFileName(app.Gallery.Files[0]));
        Assert.False(await WeakMatchOf(await Client.GetAsync($"/api/images/{id}/similar?k=3")));
    }
}
