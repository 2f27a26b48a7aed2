using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>The admin page asks before costly or irreversible actions and says how many images they affect.</summary>
public sealed class AdminConfirmationTests : IDisposable
{
    private readonly WebComponentContext _context = new(signedInAdmin: true);

    [Fact]
    public async Task Full_rebuild_asks_first_and_says_how_many_images_it_affects()
    {
        _context.CatalogFake.Handlers["GetStats"] = _ => new CatalogStats { Indexed = 1200, Pending = 30, Failed = 4, Model = new CatalogModel("clip-demo", 4) };
        var page = _context.Render<Admin>();

        await page.Find("#reindex-full").ClickAsync(new MouseEventArgs());
        Assert.Empty(_context.Reindex.Started);
        page.WaitForAssertion(() => Assert.Contains("all 1,234 images", page.Find("#confirm-full").TextContent));

        await page.Find("#confirm-full-no").ClickAsync(new MouseEventArgs());
        // The page re-renders after its off-circuit reads, which on a loaded machine can land after the click.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#confirm-full")));
        Assert.Empty(_context.Reindex.Started);

        await page.Find("#reindex-full").ClickAsync(new MouseEventArgs());
        await page.WaitForElement("#confirm-full-yes").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal([ReindexMode.Full], _context.Reindex.Started));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#confirm-full")));
    }

    [Fact]
    public async Task Removing_a_source_asks_first_says_how_many_images_leave_and_shows_counts_and_last_scan()
    {
        var scanned = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);
        var source = new CatalogSource { Id = 7, Kind = SourceKind.Folder, Location = "/photos", LastScanned = scanned };
        var removed = new List<long>();
        _context.CatalogFake.Handlers["GetSources"] = _ => (IReadOnlyList<CatalogSource>)(removed.Count == 0 ? [source] : []);
        _context.CatalogFake.Handlers["GetSourceImageCounts"] = _ =>
            (IReadOnlyDictionary<long, SourceImageCounts>)new Dictionary<long, SourceImageCounts> { [7] = new(2000, 0, 34) };
        _context.CatalogFake.Handlers["RemoveSource"] = args =>
        {
            removed.Add((long)args[0]!);
            return CatalogWriteResult.Unchanged(1);
        };
        _context.IndexStoreFake.Handlers["Apply"] = _ => null;
        var page = _context.Render<Admin>();

        var row = page.Find("[data-source-id='7']");
        Assert.Equal("2,034 images (34 failed)", row.QuerySelector(".source-images")!.TextContent);
        Assert.Contains(scanned.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            row.QuerySelector(".source-scanned")!.TextContent);

        await page.Find("[aria-label='Remove source /photos']").ClickAsync(new MouseEventArgs());
        Assert.Empty(removed);
        page.WaitForAssertion(() => Assert.Contains("Its 2,034 images leave the index", page.Find("#confirm-remove").TextContent));
        await page.Find("#confirm-remove-no").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#confirm-remove")));
        Assert.Empty(removed);

        await page.Find("[aria-label='Remove source /photos']").ClickAsync(new MouseEventArgs());
        await page.WaitForElement("#confirm-remove-yes").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal([7L], removed));
        page.WaitForAssertion(() => Assert.Equal("Source removed; its images left the index.", page.Find("#sources-message").TextContent));
    }

    [Fact]
    public async Task The_failure_list_filters_by_kind_and_retry_failed_requeues_that_kind()
    {
        var at = DateTimeOffset.UtcNow;
        CatalogImage Failure(long id, string kind) => TestImages.Image(id) with
        {
            Location = $"/photos/{kind}-{id}.jpg", Status = ImageStatus.Failed, FailureKind = kind, FailureReason = $"{kind} reason", Updated = at,
        };
        CatalogImage[] failures = [Failure(1, "Corrupt"), Failure(2, "HttpError"), Failure(3, "Corrupt")];
        _context.CatalogFake.Handlers["GetStats"] = _ => new CatalogStats
        {
            Indexed = 30, Failed = 3, Model = new CatalogModel("clip-demo", 4),
            FailuresByKind = new Dictionary<string, long> { ["Corrupt"] = 2, ["HttpError"] = 1 },
        };
        _context.CatalogFake.Handlers["GetRecentFailures"] = args =>
            (IReadOnlyList<CatalogImage>)[.. failures.Where(f => args.Length < 2 || f.FailureKind == (string)args[1]!)];
        var page = _context.Render<Admin>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#failures li").Count));
        Assert.Contains("Retry 3 failed", page.Find("#retry-failed").TextContent);

        await page.Find("#failure-kind").ChangeAsync(new ChangeEventArgs { Value = "Corrupt" });

        // The page reads the catalog off the circuit, so the filtered list arrives with a later render.
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#failures li").Count));
        Assert.All(page.FindAll("#failures li"), li => Assert.Equal("Corrupt", li.QuerySelector(".badge")!.TextContent));
        Assert.Contains("Retry 2 failed", page.Find("#retry-failed").TextContent);

        await page.Find("#retry-failed").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(["Corrupt"], _context.Reindex.Retried));
        page.WaitForAssertion(() => Assert.Contains("Retrying failed images of kind Corrupt", page.Find("#admin-message").TextContent));
    }

    [Fact]
    public async Task A_run_cancelled_from_the_page_shows_as_cancelled_not_idle_with_a_full_bar()
    {
        var page = _context.Render<Admin>();
        await page.Find("#reindex-incremental").ClickAsync(new MouseEventArgs());

        _context.Reindex.Publish(new CrawlProgress
        {
            State = CrawlState.Idle, Phase = "idle", Mode = ReindexMode.Incremental, ToProcess = 2000, Indexed = 645,
            FinishedAt = DateTimeOffset.UtcNow,
            LastRun = new CrawlRunReport { Outcome = CrawlRunOutcomes.Cancelled, ToProcess = 2000, Indexed = 645, FinishedAt = DateTimeOffset.UtcNow },
        });

        page.WaitForAssertion(() => Assert.StartsWith("Cancelled after 645 of 2,000", page.Find("#crawl-state").TextContent), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Equal("32", page.Find("#index-progress").GetAttribute("aria-valuenow")), TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _context.Dispose();
}
