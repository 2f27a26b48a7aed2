using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

public sealed class WeakMatchNoticeTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    private NavigationManager Navigation => _context.Services.GetRequiredService<NavigationManager>();

    private static SearchResponse Closest(bool weak) =>
        new([TestImages.Hit(5, 0.63f, "white-star-005.jpg"), TestImages.Hit(9, 0.62f, "pink-star-009.jpg")], TimeSpan.FromMilliseconds(4), false)
        {
            WeakMatch = weak,
        };

    [Fact]
    public void A_weak_match_is_said_above_the_results_with_the_query()
    {
        _context.SearchService.Answer = _ => Closest(weak: true);
        Navigation.NavigateTo("/?q=cat");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".tile").Count));
        Assert.Equal("Nothing here matches “cat” well; these are the closest images.", page.Find("#weak-match").TextContent.Trim());
    }

    [Fact]
    public void A_real_match_has_no_notice_and_a_new_query_clears_an_old_one()
    {
        _context.SearchService.Answer = q => Closest(weak: q.Text == "cat");
        Navigation.NavigateTo("/?q=cat");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#weak-match")));

        Navigation.NavigateTo("/?q=white%20star");

        page.WaitForAssertion(() => Assert.Equal(2, _context.SearchService.Queries.Count));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".tile").Count));
        Assert.Empty(page.FindAll("#weak-match"));
    }

    public void Dispose() => _context.Dispose();
}
