using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Pipeline;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Pipeline;

/// <summary>
/// What the admin page and the CLI bar are fed: the amount of work known early, a fraction that moves steadily, the
/// phase that is really running, per-run counters and how the last run ended. Asserted on snapshots taken at every
/// model call of a real run, not on timing.
/// </summary>
public sealed class ProgressReportingTests
{
    // Small queues, as with a gallery far bigger than the queues: discovery can only run a few images ahead.
    private static readonly Dictionary<string, string?> SmallQueues = new()
    {
        ["SemanticSearch:Crawler:QueueCapacity"] = "4",
        ["SemanticSearch:Crawler:BatchSize"] = "4",
        ["SemanticSearch:Crawler:Workers"] = "1",
    };

    private static TempDirectory Gallery(int count, int firstSeed = 0)
    {
        var dir = new TempDirectory("semsearch-progress-images");
        AddImages(dir, count, firstSeed);
        return dir;
    }

    private static void AddImages(TempDirectory dir, int count, int firstSeed)
    {
        for (var i = firstSeed; i < firstSeed + count; i++)
            File.WriteAllBytes(dir.Combine($"img-{i:D3}.png"), TestImages.Png(i, 32, 24));
    }

    private static async Task<List<CrawlProgress>> RecordRunAsync(CrawlerHarness h, CrawlRequest request)
    {
        var tracker = new ProgressTracker(request.Mode);
        var snapshots = new List<CrawlProgress>();
        h.Encoder.BeforeCall = () => { lock (snapshots) snapshots.Add(tracker.Snapshot(CrawlState.Running)); };
        var summary = await h.Pipeline.RunAsync(request, tracker, CancellationToken.None);
        h.Encoder.BeforeCall = null;
        Assert.Equal(RunOutcome.Completed, summary.Outcome);
        return snapshots;
    }

    [Fact]
    public async Task The_total_is_known_within_the_first_tenth_of_a_run_and_the_fraction_only_moves_forward()
    {
        using var images = Gallery(120);
        using var h = CrawlerHarness.Create(SmallQueues);
        h.AddFolder(images.Path);

        var snapshots = await RecordRunAsync(h, new CrawlRequest(ReindexMode.Incremental));

        Assert.True(snapshots.Count >= 20, $"{snapshots.Count} model calls");
        var afterFirstTenth = snapshots.Where(s => s.Indexed + s.Failed >= 12).ToList();
        Assert.NotEmpty(afterFirstTenth);
        Assert.All(afterFirstTenth, s => Assert.Equal(120, s.ToProcess));
        var fractions = snapshots.Select(s => s.Fraction ?? 0).ToList();
        Assert.Equal(fractions.Order(), fractions);
        // Steady: no step bigger than a few model calls' worth, never 0 % then nearly all at once.
        Assert.All(fractions.Zip(fractions.Skip(1)), pair => Assert.True(pair.Second - pair.First < 0.15, $"{pair.First} -> {pair.Second}"));
        Assert.True(afterFirstTenth[0].Fraction < 0.5, $"first known fraction {afterFirstTenth[0].Fraction}");
        // While the model runs the phase says so, even though discovery has not finished listing.
        Assert.All(snapshots, s => Assert.Equal("indexing", s.Phase));
    }

    [Fact]
    public async Task An_incremental_run_counts_only_the_images_that_changed()
    {
        using var images = Gallery(40);
        using var h = CrawlerHarness.Create(SmallQueues);
        h.AddFolder(images.Path);
        await RecordRunAsync(h, new CrawlRequest(ReindexMode.Incremental));
        AddImages(images, 24, firstSeed: 100);

        var snapshots = await RecordRunAsync(h, new CrawlRequest(ReindexMode.Incremental));

        Assert.NotEmpty(snapshots);
        Assert.All(snapshots.Where(s => s.Indexed >= 3), s => Assert.Equal(24, s.ToProcess));
    }

    [Fact]
    public async Task A_cancelled_run_says_it_was_cancelled_and_how_far_it_got()
    {
        using var images = Gallery(60);
        using var h = CrawlerHarness.Create(SmallQueues);
        h.AddFolder(images.Path);
        h.Encoder.DelayPerCall = TimeSpan.FromMilliseconds(100);
        var indexedSome = new TaskCompletionSource();
        h.Reindex.ProgressChanged += p => { if (p.Indexed >= 8) indexedSome.TrySetResult(); };

        h.Reindex.Start(ReindexMode.Incremental);
        await indexedSome.Task.WaitAsync(TimeSpan.FromMinutes(1));
        h.Reindex.Cancel();
        await h.Reindex.WaitForIdleAsync().WaitAsync(TimeSpan.FromMinutes(1));

        var final = h.Reindex.Progress;
        var last = Assert.IsType<CrawlRunReport>(final.LastRun);
        Assert.Equal(CrawlState.Idle, final.State);
        Assert.Equal(CrawlRunOutcomes.Cancelled, last.Outcome);
        Assert.Equal(60, last.ToProcess);
        Assert.InRange(last.Done, 8, 59);
        Assert.Equal(last.Done, h.Index.Count);
        Assert.True(final.Fraction < 1, $"the bar of a cancelled run is not full: {final.Fraction}");

        // The next run still shows how the previous one ended until it finishes itself.
        h.Encoder.DelayPerCall = TimeSpan.Zero;
        var (_, next) = h.Reindex.Start(new CrawlRequest(ReindexMode.Incremental));
        Assert.Equal(CrawlRunOutcomes.Cancelled, h.Reindex.Progress.LastRun?.Outcome);
        await next;
        Assert.Equal(CrawlRunOutcomes.Completed, h.Reindex.Progress.LastRun?.Outcome);
        Assert.Equal(60 - last.Done, h.Reindex.Progress.LastRun!.Indexed);
    }

    [Fact]
    public async Task Counters_belong_to_one_run_and_a_run_with_nothing_to_do_says_so()
    {
        using var images = Gallery(12);
        using var h = CrawlerHarness.Create();
        h.AddFolder(images.Path);
        await h.Reindex.RunAsync(new CrawlRequest(ReindexMode.Incremental));
        File.Delete(images.Combine("img-000.png"));
        File.Delete(images.Combine("img-001.png"));

        await h.Reindex.RunAsync(new CrawlRequest(ReindexMode.Incremental));
        Assert.Equal(2, h.Reindex.Progress.Deleted);
        Assert.Equal(2, h.Reindex.Progress.LastRun!.Deleted);

        await h.Reindex.RunAsync(new CrawlRequest(ReindexMode.Incremental));
        var noOp = h.Reindex.Progress.LastRun!;
        Assert.Equal(0, h.Reindex.Progress.Deleted);
        Assert.Equal(0, noOp.Deleted);
        Assert.Equal(0, noOp.ToProcess);
        Assert.Equal(10, noOp.Skipped);
        Assert.Equal(CrawlRunOutcomes.Completed, noOp.Outcome);
    }
}
