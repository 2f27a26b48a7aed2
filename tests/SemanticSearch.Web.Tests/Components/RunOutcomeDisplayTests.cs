using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Components.Admin;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>How the progress panel shows the end of a run: cancelled is not "Idle" with a full bar; counters are the run's own.</summary>
public sealed class RunOutcomeDisplayTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    private static readonly CrawlProgress Idle = new() { State = CrawlState.Idle, Phase = "idle", FinishedAt = DateTimeOffset.UtcNow };

    private Bunit.IRenderedComponent<CrawlProgressPanel> Render(CrawlRunReport lastRun) =>
        _context.Render<CrawlProgressPanel>(p => p.Add(c => c.Progress, Idle with { LastRun = lastRun }).Add(c => c.LastRun, lastRun));

    [Fact]
    public void A_cancelled_run_shows_how_far_it_got_and_a_partial_bar()
    {
        var panel = Render(new CrawlRunReport
        {
            Outcome = CrawlRunOutcomes.Cancelled, Mode = ReindexMode.Full, ToProcess = 2000, Indexed = 640, Failed = 5,
            FinishedAt = DateTimeOffset.UtcNow, ImagesPerSecond = 61.2,
        });

        Assert.StartsWith("Cancelled after 645 of 2,000", panel.Find("#crawl-state").TextContent);
        var bar = panel.Find("#index-progress");
        Assert.Equal("32", bar.GetAttribute("aria-valuenow"));
        Assert.Contains("cancelled", bar.ClassList);
        Assert.Contains("width: 32%", panel.Find(".progressbar-fill").GetAttribute("style"));
        Assert.Equal("cancelled", panel.Find(".progress-panel").GetAttribute("data-outcome"));
        Assert.Equal("645 of 2,000", panel.Find("#progress-processed").TextContent);
    }

    [Fact]
    public void A_failed_run_says_why_it_stopped()
    {
        var panel = Render(new CrawlRunReport
        {
            Outcome = CrawlRunOutcomes.Failed, ToProcess = 50, Indexed = 10, Reason = "The catalog could not be written: disk full.",
        });

        Assert.Equal("Failed after 10 of 50: The catalog could not be written: disk full.", panel.Find("#crawl-state").TextContent);
        Assert.Equal("20", panel.Find("#index-progress").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void A_scan_with_nothing_to_do_says_so_instead_of_done_0_of_0_at_0_images_per_second()
    {
        var panel = Render(new CrawlRunReport { Outcome = CrawlRunOutcomes.Completed, ToProcess = 0, Skipped = 2000, Discovered = 2000 });

        Assert.Equal("Nothing to do: 2,000 images unchanged", panel.Find("#crawl-state").TextContent);
        Assert.Equal("—", panel.Find("#progress-processed").TextContent);
        Assert.Equal("—", panel.Find("#progress-rate").TextContent);
        Assert.Equal("100", panel.Find("#index-progress").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void The_counters_are_the_last_runs_own_including_its_deletions()
    {
        var panel = Render(new CrawlRunReport
        {
            Outcome = CrawlRunOutcomes.Completed, ToProcess = 12, Indexed = 12, Skipped = 1988, Deleted = 3, ImagesPerSecond = 24,
        });

        Assert.Equal("3", panel.Find("#progress-deleted").TextContent);
        Assert.Equal("12", panel.Find("#progress-indexed").TextContent);
        Assert.Equal("1,988", panel.Find("#progress-skipped").TextContent);
        Assert.Equal("24 images/s", panel.Find("#progress-rate").TextContent);
    }

    [Fact]
    public void A_running_scan_shows_its_own_deletions_and_the_phase_that_runs()
    {
        var panel = _context.Render<CrawlProgressPanel>(p => p.Add(c => c.Progress, new CrawlProgress
        {
            State = CrawlState.Running, Mode = ReindexMode.Incremental, Phase = "deleting", ToProcess = 10, Indexed = 10, Deleted = 7,
            LastRun = new CrawlRunReport { Outcome = CrawlRunOutcomes.Cancelled, Deleted = 2034 },
        }));

        Assert.Equal("7", panel.Find("#progress-deleted").TextContent);
        Assert.Equal("Running an incremental scan", panel.Find("#crawl-state").TextContent);
        Assert.Equal("deleting", panel.Find("#progress-phase").TextContent);
    }

    public void Dispose() => _context.Dispose();
}
