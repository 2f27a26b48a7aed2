using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary>Maps the last run's report to its API contract.</summary>
public static class RunReportMapping
{
    /// <summary>The report as <c>crawler.lastRun</c>.</summary>
    public static LastRunDto ToDto(this CrawlRunReport run) => new(
        run.Outcome,
        run.Mode?.ToString().ToLowerInvariant(),
        run.StartedAt,
        run.FinishedAt,
        run.Reason,
        run.Discovered,
        run.ToProcess,
        run.Indexed,
        run.Failed,
        run.Skipped,
        run.Deleted,
        Math.Round(run.ImagesPerSecond, 2));
}
