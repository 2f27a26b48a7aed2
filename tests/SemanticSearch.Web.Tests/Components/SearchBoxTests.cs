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
        input.Input("red");
        input.Input("red circle");
        // The callback's receiver is the test, not a component, so poll instead of waiting for a render.
        for (var waited = 0; requests.Count == 0 && waited < 5000; waited += 20)
            await Task.Delay(20);
        Assert.Single(requests);
        Assert.Equal(new SearchRequest("red circle", Immediate: false), requests[0]);

        box.Find("form").Submit();
        Assert.Equal(new SearchRequest("red circle", Immediate: true), requests[1]);
    }

    [Fact]
    public void The_url_query_fills_the_box()
    {
        var box = _context.Render<SearchBox>(p => p.Add(b => b.Value, "blue square"));
        Assert.Equal("blue square", box.Find("#search-input").GetAttribute("value"));
    }

    public void Dispose() => _context.Dispose();
}
