using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

public sealed class ResultGridTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    [Fact]
    public void Renders_one_tile_per_hit_with_its_id_thumbnail_and_score()
    {
        SearchHit[] hits = [TestImages.Hit(7, 0.91234f, "red-circle-007.jpg"), TestImages.Hit(3, 0.5f, "blue-square-003.jpg")];

        var grid = _context.Render<ResultGrid>(p => p.Add(g => g.Hits, hits));

        var tiles = grid.FindAll(".tile");
        Assert.Equal(["7", "3"], tiles.Select(t => t.GetAttribute("data-image-id")));
        Assert.Equal("0.912", tiles[0].QuerySelector(".score")!.TextContent);
        Assert.Contains("score 0.912", tiles[0].GetAttribute("title"));
        var image = tiles[0].QuerySelector("img")!;
        Assert.StartsWith("/api/images/7/thumbnail?v=", image.GetAttribute("src"));
        Assert.Equal("red-circle-007.jpg", image.GetAttribute("alt"));
    }

    [Fact]
    public async Task Clicking_a_tile_reports_its_index()
    {
        int? opened = null;
        var grid = _context.Render<ResultGrid>(p => p
            .Add(g => g.Hits, [TestImages.Hit(7, 0.9f), TestImages.Hit(3, 0.5f)])
            .Add(g => g.OnOpen, index => opened = index));

        await grid.FindAll(".tile")[1].ClickAsync(new MouseEventArgs());

        Assert.Equal(1, opened);
    }

    public void Dispose() => _context.Dispose();
}
