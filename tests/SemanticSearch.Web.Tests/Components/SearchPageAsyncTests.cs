using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Search;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>
/// The page never waits on a search it no longer needs: a newer query cancels the older one, whose late answer is
/// dropped; and results a prerender already found are shown by the circuit without searching again.
/// </summary>
public sealed class SearchPageAsyncTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly WebComponentContext _context = new();

    private NavigationManager Navigation => _context.Services.GetRequiredService<NavigationManager>();

    private static SearchResponse Answer(long id, string name) =>
        new([TestImages.Hit(id, 0.9f, name)], TimeSpan.FromMilliseconds(4), false);

    [Fact]
    public async Task A_slow_older_query_overtaken_by_a_newer_one_is_cancelled_and_never_replaces_its_results()
    {
        var slowStarted = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowFinishes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _context.SearchService.AnswerAsync = async (query, cancellationToken) =>
        {
            if (query.Text != "slow")
                return Answer(2, "fast-002.jpg");
            slowStarted.SetResult(cancellationToken);
            // A search that ignores its token and answers late anyway: the page must still drop the answer.
            await slowFinishes.Task;
            return Answer(1, "slow-001.jpg");
        };
        Navigation.NavigateTo("/?q=slow");
        var page = _context.Render<Search>();
        var slowToken = await slowStarted.Task.WaitAsync(Patience);
        Assert.Equal("loading", page.Find("#search-status").GetAttribute("data-state"));

        Navigation.NavigateTo("/?q=fast");
        page.WaitForAssertion(() => Assert.Equal(["2"], page.FindAll(".tile").Select(t => t.GetAttribute("data-image-id"))));
        Assert.True(slowToken.IsCancellationRequested);

        slowFinishes.SetResult();
        // Anything the late answer does runs on the renderer before this.
        await Task.Delay(100);
        await page.InvokeAsync(() => { });

        Assert.Equal(["2"], page.FindAll(".tile").Select(t => t.GetAttribute("data-image-id")));
        Assert.Contains("results for “fast”", page.Find("#search-took").TextContent);
    }

    [Fact]
    public void A_prerendered_page_hands_its_results_to_the_circuit()
    {
        _context.SearchService.Answer = _ => Answer(5, "red-circle-005.jpg");
        Navigation.NavigateTo("/?q=red%20circle");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));

        _context.PersistentState.TriggerOnPersisting();

        Assert.True(_context.PersistentState.TryTake<PrerenderedSearch>(PrerenderedSearch.Key, out var saved));
        Assert.True(saved!.Answers("red circle", null, null));
        Assert.Equal((SearchViewState.Results, 5L), (saved.State, Assert.Single(saved.Hits).Id));
    }

    [Fact]
    public void The_state_handed_to_the_circuit_stays_small_for_a_full_page_of_long_paths()
    {
        // The browser sends the state back in the circuit's first SignalR message (32 KB at most): rows must not travel.
        _context.SearchService.Answer = q => new SearchResponse(
            [.. Enumerable.Range(1, 24).Select(i => TestImages.Hit(i, 0.9f, new string('x', 200) + $"-{i}.jpg"))], TimeSpan.FromMilliseconds(4), true);
        Navigation.NavigateTo("/?q=red%20circle");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.Equal(24, page.FindAll(".tile").Count));

        _context.PersistentState.TriggerOnPersisting();

        Assert.True(_context.PersistentState.TryTake<PrerenderedSearch>(PrerenderedSearch.Key, out var saved));
        Assert.Equal(24, saved!.Hits.Count);
        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(saved).Length, 1, 2048);
    }

    [Fact]
    public void The_circuit_shows_the_prerendered_results_without_searching_again()
    {
        _context.PersistentState.Persist(PrerenderedSearch.Key, new PrerenderedSearch
        {
            Text = "red circle",
            HasQuery = true,
            State = SearchViewState.Results,
            Hits = [new PrerenderedHit(5, 0.93f), new PrerenderedHit(9, 0.71f)],
            TookMs = 12,
        });
        Navigation.NavigateTo("/?q=red%20circle");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Equal(["5", "9"], page.FindAll(".tile").Select(t => t.GetAttribute("data-image-id"))));
        Assert.Equal("image-005.jpg", page.FindAll(".tile img")[0].GetAttribute("alt"));
        Assert.Contains("2 results for “red circle” in 12 ms", page.Find("#search-took").TextContent);
        Assert.Empty(_context.SearchService.Queries);
    }

    [Fact]
    public void Prerendered_results_of_another_query_are_not_shown_and_the_query_is_searched()
    {
        _context.PersistentState.Persist(PrerenderedSearch.Key, new PrerenderedSearch
        {
            Text = "blue square",
            HasQuery = true,
            State = SearchViewState.Results,
            Hits = [new PrerenderedHit(9, 0.71f)],
        });
        _context.SearchService.Answer = _ => Answer(5, "red-circle-005.jpg");
        Navigation.NavigateTo("/?q=red%20circle");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Equal(["5"], page.FindAll(".tile").Select(t => t.GetAttribute("data-image-id"))));
        Assert.Equal("red circle", Assert.Single(_context.SearchService.Queries).Text);
    }

    [Fact]
    public async Task A_prerendered_image_link_keeps_its_chip_and_its_next_page_searches_with_the_kept_image()
    {
        var photo = File.ReadAllBytes(RepoPaths.Combine("tests", "fixtures", "photos", "coffee-palette.png"));
        var id = await _context.QueryImages.SaveAsync(photo, default);
        _context.PersistentState.Persist(PrerenderedSearch.Key, new PrerenderedSearch
        {
            Text = "snow",
            ImageId = id,
            HasQuery = true,
            State = SearchViewState.Results,
            Hits = [new PrerenderedHit(1, 0.9f)],
            HasMore = true,
            ImageName = "shared image",
        });
        Navigation.NavigateTo($"/?image={id}&q=snow");
        var page = _context.Render<Search>();
        page.WaitForAssertion(() => Assert.StartsWith("data:image/", page.Find("#query-image-chip #query-image").GetAttribute("src")), Patience);
        Assert.Empty(_context.SearchService.Queries);

        await page.Find("#load-more").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Single(_context.SearchService.Queries));
        var next = _context.SearchService.Queries[0];
        Assert.Equal((1, "snow"), (next.Offset, next.Text));
        Assert.Equal(photo, next.Image!.Value.ToArray());
    }

    public void Dispose() => _context.Dispose();
}
