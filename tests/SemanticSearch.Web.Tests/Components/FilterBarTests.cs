using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>The search page's filter bar, chips and near-duplicate note, and their life in the URL.</summary>
public sealed class FilterBarTests : IDisposable
{
    private static readonly CatalogSource Photos = new() { Id = 1, Kind = SourceKind.Folder, Location = "/srv/photos" };
    private readonly WebComponentContext _context = new();

    public FilterBarTests()
    {
        _context.CatalogFake.Handlers["GetSources"] = _ => (IReadOnlyList<CatalogSource>)[Photos];
        _context.CatalogFake.Handlers["GetSource"] = args => (long)args[0]! == Photos.Id ? Photos : null;
        _context.CatalogFake.Handlers["GetFolders"] = _ => (IReadOnlyList<CatalogFolder>)
        [
            new CatalogFolder(1, "/srv/photos/2024/", 7),
            new CatalogFolder(1, "/srv/photos/", 3),
            new CatalogFolder(9, "/elsewhere/", 2), // a source that is gone: not offered
        ];
        _context.SearchService.Answer = _ => new SearchResponse([TestImages.Hit(5, 0.9f)], TimeSpan.FromMilliseconds(3), false);
    }

    private NavigationManager Navigation => _context.Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task Filters_in_the_url_reach_the_search_and_show_as_chips_that_remove_them()
    {
        Navigation.NavigateTo("/?q=cat&source=1&folder=2024&format=png&from=2024-01-01&to=2025-01-01&minScore=0.2&sort=date");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));

        var query = Assert.Single(_context.SearchService.Queries);
        var utc = TimeSpan.Zero;
        Assert.Equal(new SearchFilter(1, "/srv/photos/2024/", "png", new DateTimeOffset(2024, 1, 1, 0, 0, 0, utc), new DateTimeOffset(2025, 1, 1, 0, 0, 0, utc)), query.Filter);
        Assert.Equal((0.2f, SearchSort.Date, true), (query.MinScore, query.Sort, query.HideNearDuplicates));
        // Source names arrive with the filter bar's catalog read, which may finish after the first results.
        page.WaitForAssertion(() => Assert.Equal(
            ["Source: photos", "Folder: 2024", "Format: PNG", "Taken from 2024-01-01", "Taken before 2025-01-01", "Score ≥ 0.2", "Newest first"],
            page.FindAll("#filter-chips .chip span").Select(c => c.TextContent)));

        await page.Find(".chip[data-filter=format] .chip-remove").ClickAsync(new MouseEventArgs());

        Assert.DoesNotContain("format=", Navigation.Uri);
        Assert.Contains("q=cat", Navigation.Uri);
        Assert.Contains("folder=2024", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(2, _context.SearchService.Queries.Count));
        Assert.Null(_context.SearchService.Queries[1].Filter.Format);
        Assert.Equal("/srv/photos/2024/", _context.SearchService.Queries[1].Filter.FolderPrefix);
    }

    [Fact]
    public async Task More_like_this_in_the_viewer_keeps_the_active_filters()
    {
        Navigation.NavigateTo("/?q=cat&source=1&folder=2024&format=png");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));

        await page.Find(".tile").ClickAsync(new MouseEventArgs());

        // The viewer renders once its image's details have been read.
        page.WaitForAssertion(() => Assert.Equal("/?similar=5&source=1&folder=2024&format=png", page.Find("#more-like-this").GetAttribute("href")));
    }

    [Fact]
    public async Task The_bar_offers_the_catalog_folders_with_counts_and_puts_choices_in_the_url()
    {
        Navigation.NavigateTo("/?q=cat");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));

        await page.Find("#filters-toggle").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(["Any", "2024 (7)", "(top) (3)"], page.FindAll("#filter-folder option").Select(o => o.TextContent)));
        await page.Find("#filter-folder").ChangeAsync(new ChangeEventArgs { Value = "1|2024" });

        Assert.Contains("source=1", Navigation.Uri);
        Assert.Contains("folder=2024", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal("/srv/photos/2024/", _context.SearchService.Queries[^1].Filter.FolderPrefix));

        await page.Find("#sort-select").ChangeAsync(new ChangeEventArgs { Value = "date" });
        Assert.Contains("sort=date", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(SearchSort.Date, _context.SearchService.Queries[^1].Sort));
        Assert.Equal("/srv/photos/2024/", _context.SearchService.Queries[^1].Filter.FolderPrefix);
    }

    [Fact]
    public async Task A_new_query_keeps_the_filters()
    {
        Navigation.NavigateTo("/?q=cat&format=gif");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));

        await page.Find("#search-input").InputAsync(new ChangeEventArgs { Value = "dog" });
        await page.Find("form.searchbox").SubmitAsync(new EventArgs());

        Assert.EndsWith("/?q=dog&format=gif", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(("dog", "gif"), (_context.SearchService.Queries[^1].Text, _context.SearchService.Queries[^1].Filter.Format)));
    }

    [Fact]
    public async Task Hidden_near_duplicates_are_counted_and_can_be_shown()
    {
        _context.SearchService.Answer = q => new SearchResponse([TestImages.Hit(5, 0.9f)], TimeSpan.FromMilliseconds(3), false)
        {
            HiddenDuplicates = q.HideNearDuplicates ? 7 : 0,
        };
        Navigation.NavigateTo("/?q=cat");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Contains("7 near-duplicates hidden — show", page.Find("#duplicate-note").TextContent));

        await page.Find("#duplicates-toggle").ClickAsync(new MouseEventArgs());

        Assert.Contains("dups=1", Navigation.Uri);
        page.WaitForAssertion(() => Assert.False(_context.SearchService.Queries[^1].HideNearDuplicates));
        page.WaitForAssertion(() => Assert.Contains("Near-duplicates are shown", page.Find("#duplicate-note").TextContent));
    }

    [Theory]
    [InlineData("from=yesterday", "The from date must look like 2024-05-31")]
    [InlineData("format=tiff", "is not a format to filter by")]
    [InlineData("minScore=2", "The minimum score must be a number from -1 to 1")]
    [InlineData("sort=size", "is not a sort: use relevance or date")]
    [InlineData("folder=2024", "folder '2024' is relative to a source")]
    [InlineData("folder=%2Fsrv%2Fphotos%2F2024", "server paths are for admins")]
    public void A_filter_that_cannot_be_used_is_refused_with_a_reason_and_searches_nothing(string filter, string reason)
    {
        Navigation.NavigateTo("/?q=cat&" + filter);
        var page = _context.Render<Search>();

        Assert.Contains(reason, page.Find("#search-error").TextContent);
        Assert.Empty(_context.SearchService.Queries);
    }

    public void Dispose() => _context.Dispose();
}
