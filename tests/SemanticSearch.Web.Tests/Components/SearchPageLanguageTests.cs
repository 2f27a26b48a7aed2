using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>The page sends the browser's language with text queries and shows the note when it was not used.</summary>
public sealed class SearchPageLanguageTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    [Fact]
    public void The_browsers_language_goes_with_the_query_and_the_fallback_note_is_shown()
    {
        _context.JSInterop.Setup<string?>("semsearch.language").SetResult("tlh-QO");
        _context.SearchService.Answer = _ => new SearchResponse([TestImages.Hit(5, 0.9f, "red-circle-005.jpg")], TimeSpan.FromMilliseconds(3), false)
        {
            LanguageNote = "The language 'tlh-QO' is not known to this search; the query was read as English.",
        };
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?q=red%20circle");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));
        Assert.Equal("tlh-QO", Assert.Single(_context.SearchService.Queries).Language);
        Assert.Contains("read as English", page.Find("#language-note").TextContent);
    }

    [Fact]
    public void A_browser_that_names_no_usable_language_sends_none_and_no_note_is_shown()
    {
        _context.JSInterop.Setup<string?>("semsearch.language").SetResult("<not a tag>");
        _context.SearchService.Answer = _ => new SearchResponse([TestImages.Hit(5, 0.9f, "red-circle-005.jpg")], TimeSpan.FromMilliseconds(3), false);
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?q=red%20circle");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));
        Assert.Null(Assert.Single(_context.SearchService.Queries).Language);
        Assert.Empty(page.FindAll("#language-note"));
    }

    [Theory]
    [InlineData("de-CH,de;q=0.9,en;q=0.8", "de-CH")]
    [InlineData("en;q=0.5, fr", "fr")]
    [InlineData("*", "")]
    [InlineData("", "")]
    [InlineData("x;q=1,<b>", "")]
    public void Prerendering_takes_the_most_preferred_accept_language(string header, string expected) =>
        Assert.Equal(expected, BrowserLanguage.FromAcceptLanguage(header));

    public void Dispose() => _context.Dispose();
}
