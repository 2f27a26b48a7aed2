using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests;

public sealed class ReindexServiceTests
{
    private static TempDirectory Gallery(int count)
    {
        var dir = new TempDirectory("semsearch-crawl-images");
        for (var i = 0; i < count; i++)
            File.WriteAllBytes(dir.Combine($"img-{i:D3}.png"), TestImages.Png(i));
        return dir;
    }

    [Fact]
    public async Task A_second_start_joins_the_running_one_and_progress_is_published_until_idle()
    {
        using var images = Gallery(24);
        using var h = CrawlerHarness.Create(new Dictionary<string, string?> { ["SemanticSearch:Crawler:BatchSize"] = "4" });
        h.AddFolder(images.Path);
        h.Encoder.DelayPerCall = TimeSpan.FromMilliseconds(150); // Long enough to be caught running.
        var snapshots = new List<CrawlProgress>();
        h.Reindex.ProgressChanged += p => { lock (snapshots) snapshots.Add(p); };

        var first = h.Reindex.Start(ReindexMode.Incremental);
        var second = h.Reindex.Start(ReindexMode.Full);

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(ReindexMode.Incremental, second.RunningMode);
        Assert.Contains("already running", second.Message);
        Assert.True(h.Reindex.Progress.State == CrawlState.Running,
            $"{h.Reindex.Progress.State}: {h.Reindex.LastSummary?.Outcome} {h.Reindex.LastSummary?.Error} {h.Reindex.LastSummary?.Indexed}");

        await h.Reindex.WaitForIdleAsync().WaitAsync(TimeSpan.FromMinutes(2));

        var last = h.Reindex.Progress;
        Assert.Equal(CrawlState.Idle, last.State);
        Assert.Equal(24, last.Indexed);
        Assert.Equal(24, last.Discovered);
        Assert.Equal(24, last.ToProcess);
        Assert.Equal(1.0, last.Fraction);
        Assert.NotNull(last.FinishedAt);
        Assert.Equal(24, h.Reindex.LastSummary!.Indexed);
        lock (snapshots)
        {
            Assert.Contains(snapshots, s => s.State == CrawlState.Running && s.Indexed is > 0 and < 24);
            Assert.Contains(snapshots, s => s.ImagesPerSecond > 0 && s.Eta is not null);
            // At most ~4 a second: a 24-image run at 150 ms per 4 images cannot produce hundreds.
            Assert.True(snapshots.Count < 40, $"{snapshots.Count} snapshots");
        }
        Assert.True(h.Reindex.Start(ReindexMode.Incremental).Started); // Idle again: a new request starts a run.
        await h.Reindex.WaitForIdleAsync();
    }

    [Fact]
    public async Task Cancel_stops_the_run_keeps_finished_work_and_the_next_run_completes_it()
    {
        using var images = Gallery(40);
        using var h = CrawlerHarness.Create(new Dictionary<string, string?> { ["SemanticSearch:Crawler:BatchSize"] = "2" });
        h.AddFolder(images.Path);
        h.Encoder.DelayPerCall = TimeSpan.FromMilliseconds(100);
        var indexedSome = new TaskCompletionSource();
        h.Reindex.ProgressChanged += p => { if (p.Indexed >= 4) indexedSome.TrySetResult(); };

        Assert.False(h.Reindex.Cancel()); // Nothing to cancel yet.
        h.Reindex.Start(ReindexMode.Incremental);
        await indexedSome.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(h.Reindex.Cancel());
        await h.Reindex.WaitForIdleAsync().WaitAsync(TimeSpan.FromMinutes(1));

        var cancelled = h.Reindex.LastSummary!;
        Assert.Equal(RunOutcome.Cancelled, cancelled.Outcome);
        Assert.InRange(cancelled.Indexed, 4, 39);
        Assert.Equal(0, cancelled.Deleted);
        Assert.Equal("cancelled", h.Catalog.GetRecentRuns(1)[0].Outcome);
        Assert.Equal(cancelled.Indexed, h.Index.Count);

        h.Encoder.DelayPerCall = TimeSpan.Zero;
        h.Encoder.Reset();
        var rest = await h.Reindex.RunAsync(new CrawlRequest(ReindexMode.Incremental));
        Assert.Equal(RunOutcome.Completed, rest.Outcome);
        Assert.Equal(40 - cancelled.Indexed, h.Encoder.Images);
        Assert.Equal(40, h.Index.Count);
    }
}
