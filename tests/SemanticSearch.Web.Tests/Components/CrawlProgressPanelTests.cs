using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Components.Admin;

namespace SemanticSearch.Web.Tests.Components;

public sealed class CrawlProgressPanelTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    [Fact]
    public void A_running_crawl_shows_its_fraction_rate_and_eta()
    {
        var progress = new CrawlProgress
        {
            State = CrawlState.Running, Mode = ReindexMode.Full, Phase = "indexing", Discovered = 300, Processed = 120,
            Indexed = 118, Failed = 2, ToProcess = 300, ImagesPerSecond = 12.5, Eta = TimeSpan.FromSeconds(75),
            CurrentItem = "red-circle-012.jpg",
        };

        var panel = _context.Render<CrawlProgressPanel>(p => p.Add(c => c.Progress, progress));

        var bar = panel.Find("[role=progressbar]");
        Assert.Equal("40", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("0", bar.GetAttribute("aria-valuemin"));
        Assert.Equal("100", bar.GetAttribute("aria-valuemax"));
        Assert.Contains("width: 40%", panel.Find(".progressbar-fill").GetAttribute("style"));
        Assert.Equal("Running a full rebuild", panel.Find("#crawl-state").TextContent);
        Assert.Equal("120 of 300", panel.Find("#progress-processed").TextContent);
        Assert.Equal("12.5 images/s", panel.Find("#progress-rate").TextContent);
        Assert.Equal("1 min 15 s", panel.Find("#progress-eta").TextContent);
        Assert.Contains("red-circle-012.jpg", panel.Find(".current-item").TextContent);
    }

    [Fact]
    public void Discovery_is_indeterminate_and_a_finished_run_is_complete()
    {
        var discovering = _context.Render<CrawlProgressPanel>(p => p.Add(c => c.Progress,
            new CrawlProgress { State = CrawlState.Running, Mode = ReindexMode.Incremental, Phase = "discovering" }));
        var bar = discovering.Find("[role=progressbar]");
        Assert.False(bar.HasAttribute("aria-valuenow"));
        Assert.Contains("indeterminate", bar.ClassList);

        var finished = _context.Render<CrawlProgressPanel>(p => p.Add(c => c.Progress, new CrawlProgress
        {
            State = CrawlState.Idle, Mode = ReindexMode.Full, Indexed = 30, ToProcess = 30, FinishedAt = DateTimeOffset.UtcNow,
        }));
        Assert.Equal("100", finished.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.StartsWith("Idle (last run finished", finished.Find("#crawl-state").TextContent);
    }

    public void Dispose() => _context.Dispose();
}
