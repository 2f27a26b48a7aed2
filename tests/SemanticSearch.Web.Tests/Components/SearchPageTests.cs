using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Hosting;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

public sealed class SearchPageTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    private NavigationManager Navigation => _context.Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void A_query_in_the_url_is_searched_and_shown_as_a_grid()
    {
        _context.SearchService.Answer = q => new SearchResponse(
            [TestImages.Hit(5, 0.93f, "red-circle-005.jpg"), TestImages.Hit(9, 0.71f, "red-square-009.jpg")], TimeSpan.FromMilliseconds(12), false);
        Navigation.NavigateTo("/?q=red%20circle");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".tile").Count));
        Assert.Equal(["5", "9"], page.FindAll(".tile").Select(t => t.GetAttribute("data-image-id")));
        var query = Assert.Single(_context.SearchService.Queries);
        Assert.Equal(("red circle", 24, 0), (query.Text, query.Limit, query.Offset));
        Assert.Null(query.Image);
        Assert.Null(query.SimilarTo);
        Assert.Contains("2 results for “red circle” in 12 ms", page.Find("#search-took").TextContent);
        Assert.Equal("red circle", page.Find("#search-input").GetAttribute("value"));
        Assert.Empty(page.FindAll("#load-more"));
    }

    [Fact]
    public void Without_a_query_the_page_invites_one_and_searches_nothing()
    {
        var page = _context.Render<Search>();

        Assert.Equal("idle", page.Find("#search-status").GetAttribute("data-state"));
        Assert.Empty(_context.SearchService.Queries);
        Assert.Empty(page.FindAll(".tile"));
    }

    [Fact]
    public async Task Submitting_the_box_puts_the_query_in_the_url()
    {
        var page = _context.Render<Search>();

        await page.Find("#search-input").InputAsync(new ChangeEventArgs { Value = "blue square" });
        await page.Find("form.searchbox").SubmitAsync(new EventArgs());

        page.WaitForAssertion(() => Assert.EndsWith("/?q=blue%20square", Navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal("blue square", Assert.Single(_context.SearchService.Queries).Text));
    }

    [Fact]
    public void A_rejected_query_shows_the_reason()
    {
        _context.SearchService.Answer = _ => throw new SearchQueryException("The weight '2x' is not a number.");
        Navigation.NavigateTo("/?q=2x%20cat");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Equal("The weight '2x' is not a number.", page.Find("#search-error").TextContent));
        Assert.Empty(page.FindAll(".tile"));
    }

    [Fact]
    public void Searches_over_the_circuit_share_the_rate_limit_and_a_refused_one_says_so()
    {
        using var context = new WebComponentContext(rateLimits: new RateLimitingOptions { Burst = 2, PermitsPerSecond = 1 });
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var page = context.Render<Search>();

        foreach (var text in new[] { "red", "blue", "green" })
            navigation.NavigateTo("/?q=" + text);

        page.WaitForAssertion(() => Assert.Contains("Too many searches", page.Find("#search-error").TextContent));
        Assert.Equal(["red", "blue"], context.SearchService.Queries.Select(q => q.Text));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("-4")]
    [InlineData("1e3")]
    public void A_similar_id_that_is_no_id_shows_an_error_and_searches_nothing(string similar)
    {
        Navigation.NavigateTo("/?similar=" + Uri.EscapeDataString(similar));

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Contains("is not an image id", page.Find("#search-error").TextContent));
        Assert.Empty(_context.SearchService.Queries);
    }

    [Fact]
    public void Nothing_found_is_said_plainly()
    {
        Navigation.NavigateTo("/?q=zebra");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Contains("No images match “zebra”", page.Find("#search-empty").TextContent));
    }

    [Fact]
    public void More_like_this_searches_by_id_and_names_the_image()
    {
        _context.SearchService.Answer = q => new SearchResponse([TestImages.Hit(3, 1f), TestImages.Hit(4, 0.9f)], TimeSpan.FromMilliseconds(3), false);
        Navigation.NavigateTo("/?similar=3");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".tile").Count));
        Assert.Equal(3, Assert.Single(_context.SearchService.Queries).SimilarTo);
        Assert.Contains("red-circle-001.jpg", page.Find("#similar-card").TextContent);
    }

    [Fact]
    public async Task Paging_loads_the_next_results_and_the_viewer_opens_and_closes()
    {
        _context.SearchService.Answer = q => new SearchResponse(
            [.. Enumerable.Range(q.Offset, q.Limit).Select(i => TestImages.Hit(i + 1, 1f - i / 100f))], TimeSpan.FromMilliseconds(5), q.Offset == 0);
        Navigation.NavigateTo("/?q=circle");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Equal(24, page.FindAll(".tile").Count));

        await page.Find("#load-more").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(48, page.FindAll(".tile").Count));
        Assert.Equal([0, 24], _context.SearchService.Queries.Select(q => q.Offset));
        Assert.Empty(page.FindAll("#load-more"));

        await page.FindAll(".tile")[30].ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal("31", page.Find("#image-viewer").GetAttribute("data-image-id")));
        await page.Find("#image-viewer").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        page.WaitForAssertion(() => Assert.Equal("32", page.Find("#image-viewer").GetAttribute("data-image-id")));
        await page.Find("#image-viewer").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#image-viewer")));
    }

    [Fact]
    public async Task Scrolling_stops_at_the_depth_limit_with_a_shorter_last_page_instead_of_a_refused_one()
    {
        // The context's services are already in use; the options instance is a cached singleton, so setting it holds.
        _context.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value.MaxDepth = 30;
        _context.SearchService.Answer = q => new SearchResponse(
            [.. Enumerable.Range(q.Offset, q.Limit).Select(i => TestImages.Hit(i + 1, 1f - i / 100f))], TimeSpan.FromMilliseconds(5), true);
        Navigation.NavigateTo("/?q=circle");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Equal(24, page.FindAll(".tile").Count));

        await page.Find("#load-more").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(30, page.FindAll(".tile").Count));
        Assert.Equal([(0, 24), (24, 6)], _context.SearchService.Queries.Select(q => (q.Offset, q.Limit)));
        Assert.Empty(page.FindAll("#load-more"));
        Assert.Empty(page.FindAll("#search-error"));
    }

    [Fact]
    public void A_dropped_non_image_gets_a_clear_message_and_no_search()
    {
        var page = _context.Render<Search>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("just some notes", "notes.txt"));

        page.WaitForAssertion(() => Assert.Contains("“notes.txt” is not an image", page.Find("#search-error").TextContent));
        Assert.Empty(_context.SearchService.Queries);
    }

    [Fact]
    public void A_dropped_image_is_shown_as_a_chip_in_the_search_box_and_searched_with()
    {
        _context.SearchService.Answer = q => new SearchResponse([TestImages.Hit(8, 0.97f)], TimeSpan.FromMilliseconds(9), false);
        var bytes = File.ReadAllBytes(Directory.EnumerateFiles(RepoPaths.Combine("tests", "fixtures", "photos")).First(f => f.EndsWith(".png", StringComparison.Ordinal)));
        var page = _context.Render<Search>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "holiday.png"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));
        Assert.Equal(bytes, Assert.Single(_context.SearchService.Queries).Image!.Value.ToArray());
        Assert.StartsWith("data:image/", page.Find("form.searchbox #query-image-chip #query-image").GetAttribute("src"));
        Assert.Contains("holiday.png", page.Find("#query-image-chip").TextContent);
        Assert.Contains("results for your image", page.Find("#search-took").TextContent);
    }

    [Fact]
    public async Task A_dropped_image_while_the_decode_budget_is_full_says_the_server_is_busy_and_searches_nothing()
    {
        var budget = _context.Services.GetRequiredService<DecodeMemoryBudget>();
        using var held = await budget.TryAcquireAsync(budget.Capacity, TimeSpan.Zero);
        var bytes = File.ReadAllBytes(RepoPaths.Combine("tests", "fixtures", "photos", "coffee-palette.png"));
        var page = _context.Render<Search>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "holiday.png"));

        page.WaitForAssertion(() => Assert.Contains("try again in a few seconds", page.Find("#search-error").TextContent), TimeSpan.FromSeconds(15));
        Assert.Empty(_context.SearchService.Queries);
    }

    public void Dispose() => _context.Dispose();
}
