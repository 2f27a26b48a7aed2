using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SemanticSearch.Web.Components.Search;

namespace SemanticSearch.Web.Tests.Components;

public sealed class SearchBoxTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    [Fact]
    public async Task Typing_searches_after_a_pause_and_enter_searches_at_once()
    {
        var requests = new List<SearchRequest>();
        var box = _context.Render<SearchBox>(p => p
            .Add(b => b.DebounceMilliseconds, 400)
            .Add(b => b.OnSearch, r => requests.Add(r)));

        var input = box.Find("input[type=search]");
        Assert.True(input.HasAttribute("autofocus"));
        Assert.Equal("Search images by text", box.Find("label[for=search-input]").TextContent);
        await input.InputAsync(new ChangeEventArgs { Value = "red" });
        await input.InputAsync(new ChangeEventArgs { Value = "red circle" });
        // The callback's receiver is the test, not a component, so poll instead of waiting for a render.
        for (var waited = 0; requests.Count == 0 && waited < 5000; waited += 20)
            await Task.Delay(20);
        Assert.Single(requests);
        Assert.Equal(new SearchRequest("red circle", Immediate: false), requests[0]);

        await box.Find("form").SubmitAsync(new EventArgs());
        Assert.Equal(new SearchRequest("red circle", Immediate: true), requests[1]);
    }

    [Fact]
    public void The_url_query_fills_the_box()
    {
        var box = _context.Render<SearchBox>(p => p.Add(b => b.Value, "blue square"));
        Assert.Equal("blue square", box.Find("#search-input").GetAttribute("value"));
    }

    [Fact]
    public async Task The_url_catching_up_with_a_search_keeps_what_was_typed_since()
    {
        var requests = new List<SearchRequest>();
        var box = _context.Render<SearchBox>(p => p
            .Add(b => b.MaxLength, 500)
            .Add(b => b.OnSearch, r => requests.Add(r)));

        var input = box.Find("#search-input");
        await input.InputAsync(new ChangeEventArgs { Value = "a green st" });
        await box.Find("form").SubmitAsync(new EventArgs());
        Assert.Equal("a green st", requests.Single().Text);
        await box.Find("#search-input").InputAsync(new ChangeEventArgs { Value = "a green star" });
        // The page's URL now says the searched text, after the user typed on (a slow round trip).
        box.Render(p => p.Add(b => b.Value, "a green st"));

        Assert.Equal("a green star", box.Find("#search-input").GetAttribute("value"));

        // Back or a link (a query this box did not send) still replaces the text.
        box.Render(p => p.Add(b => b.Value, "blue square"));
        Assert.Equal("blue square", box.Find("#search-input").GetAttribute("value"));
    }

    public void Dispose() => _context.Dispose();
}
