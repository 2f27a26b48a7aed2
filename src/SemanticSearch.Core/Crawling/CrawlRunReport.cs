namespace SemanticSearch.Core.Crawling;

/// <summary>
/// How the latest finished indexing run ended and what it did: the admin page's idle display and
/// <c>/api/status</c>'s <c>crawler.lastRun</c>. Counts are this run's only, never totals across runs.
/// </summary>
public sealed record CrawlRunReport
{
    /// <summary>One of <see cref="CrawlRunOutcomes"/>: "completed", "cancelled" or "failed".</summary>
    public required string Outcome { get; init; }

    /// <summary>Incremental or full; null when the runs log did not say.</summary>
    public ReindexMode? Mode { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why a failed run stopped (may name server paths: for admins only).</summary>
    public string? Reason { get; init; }

    public long Discovered { get; init; }

    /// <summary>Images that needed work, as far as the run knew when it ended; null when it never found out.</summary>
    public long? ToProcess { get; init; }

    public long Indexed { get; init; }

    public long Failed { get; init; }

    /// <summary>Unchanged images that needed no work.</summary>
    public long Skipped { get; init; }

    /// <summary>Images that disappeared from their source in this run.</summary>
    public long Deleted { get; init; }

    /// <summary>Images that needed work (indexed + failed) per second over the whole run.</summary>
    public double ImagesPerSecond { get; init; }

    /// <summary>Indexed + failed: the images this run worked on.</summary>
    public long Done => Indexed + Failed;
}
