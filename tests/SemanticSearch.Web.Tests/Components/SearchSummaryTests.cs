using SemanticSearch.Web.Components.Search;

namespace SemanticSearch.Web.Tests.Components;

public sealed class SearchSummaryTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    [Fact]
    public void Each_state_says_what_is_going_on()
    {
        var idle = _context.Render<SearchSummary>(p => p.Add(s => s.State, SearchViewState.Idle));
        Assert.Contains("drop or paste an image", idle.Find("#search-hint").TextContent);

        var loading = _context.Render<SearchSummary>(p => p.Add(s => s.State, SearchViewState.Loading));
        Assert.Contains("Searching", loading.Find(".loading").TextContent);

        var error = _context.Render<SearchSummary>(p => p
            .Add(s => s.State, SearchViewState.Error)
            .Add(s => s.Error, "The query is empty."));
        Assert.Equal("alert", error.Find("#search-error").GetAttribute("role"));
        Assert.Equal("The query is empty.", error.Find("#search-error").TextContent);

        var empty = _context.Render<SearchSummary>(p => p
            .Add(s => s.State, SearchViewState.Empty)
            .Add(s => s.Description, "“zebra”"));
        Assert.Contains("No images match “zebra”", empty.Find("#search-empty").TextContent);
    }

    [Fact]
    public void Results_show_the_count_and_the_time_taken()
    {
        var summary = _context.Render<SearchSummary>(p => p
            .Add(s => s.State, SearchViewState.Results)
            .Add(s => s.Description, "“red circle”")
            .Add(s => s.Count, 24)
            .Add(s => s.HasMore, true)
            .Add(s => s.Took, TimeSpan.FromMilliseconds(37.4))
            .Add(s => s.IndexingNote, "Indexing is running (10 of 30 done); more results may appear."));

        var text = summary.Find("#search-took").TextContent;
        Assert.Contains("24+ results for “red circle”", text);
        Assert.Equal("37 ms", summary.Find(".took-ms").TextContent);
        Assert.Contains("10 of 30 done", text);
        Assert.Equal("results", summary.Find("#search-status").GetAttribute("data-state"));
    }

    public void Dispose() => _context.Dispose();
}
