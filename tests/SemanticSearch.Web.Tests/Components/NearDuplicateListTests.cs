using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

public sealed class NearDuplicateListTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    [Fact]
    public async Task The_viewer_lists_an_images_near_duplicates_when_asked()
    {
        _context.SearchService.Answer = _ => new SearchResponse(
            [TestImages.Hit(43, 0.99f, "green-star-042.webp"), TestImages.Hit(44, 0.97f, "green-star-042-small.jpg")], TimeSpan.FromMilliseconds(2), false);
        var viewer = _context.Render<ImageViewer>(p => p.Add(v => v.Hit, TestImages.Hit(42, 0.8f, "green-star-042.png")));
        Assert.Empty(_context.SearchService.Queries); // nothing is searched until asked

        await viewer.Find("#show-near-duplicates").ClickAsync(new MouseEventArgs());

        viewer.WaitForAssertion(() => Assert.Equal(["43", "44"], viewer.FindAll(".near-duplicate-list li").Select(l => l.GetAttribute("data-image-id"))));
        var query = Assert.Single(_context.SearchService.Queries);
        Assert.Equal((42L, 0.95f, false), (query.SimilarTo, query.MinScore, query.HideNearDuplicates));
        Assert.Contains("2 near-duplicates", viewer.Find("#near-duplicates h3").TextContent);
        Assert.Contains("green-star-042.webp", viewer.Find(".near-duplicate-list").TextContent);
    }

    [Fact]
    public async Task An_image_without_near_duplicates_says_so()
    {
        var viewer = _context.Render<ImageViewer>(p => p.Add(v => v.Hit, TestImages.Hit(42, 0.8f)));

        await viewer.Find("#show-near-duplicates").ClickAsync(new MouseEventArgs());

        viewer.WaitForAssertion(() => Assert.Equal("No near-duplicates of this image.", viewer.Find("#near-duplicates-none").TextContent));
    }

    public void Dispose() => _context.Dispose();
}
