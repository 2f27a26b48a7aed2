using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Web.Administration;

/// <summary>
/// Reads the last finished run from the catalog's runs log, so the outcome survives a restart (the crawler only
/// knows the runs of this process). The log does not keep the amount of work a cancelled run had counted.
/// </summary>
public static class RunLogReport
{
    /// <summary>The newest finished run of <paramref name="runs"/> (newest first), or null.</summary>
    public static CrawlRunReport? Latest(IEnumerable<IndexRun> runs)
    {
        var run = runs.FirstOrDefault(r => r is { FinishedAt: not null, Outcome: not null });
        if (run is null)
            return null;
        var outcome = run.Outcome!;
        var failed = outcome.StartsWith(CrawlRunOutcomes.Failed, StringComparison.Ordinal);
        var counts = run.Counts;
        var seconds = (run.FinishedAt!.Value - run.StartedAt).TotalSeconds;
        return new CrawlRunReport
        {
            Outcome = failed ? CrawlRunOutcomes.Failed : outcome == CrawlRunOutcomes.Cancelled ? CrawlRunOutcomes.Cancelled : CrawlRunOutcomes.Completed,
            Mode = run.Mode == "full" ? ReindexMode.Full : ReindexMode.Incremental,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            Reason = failed ? outcome[CrawlRunOutcomes.Failed.Length..].TrimStart(':', ' ') : null,
            Discovered = counts.Discovered,
            ToProcess = outcome == CrawlRunOutcomes.Completed ? counts.Indexed + counts.Failed : null,
            Indexed = counts.Indexed,
            Failed = counts.Failed,
            Skipped = counts.Skipped,
            Deleted = counts.Deleted,
            ImagesPerSecond = seconds > 0 ? (counts.Indexed + counts.Failed) / seconds : 0,
        };
    }
}
