namespace SemanticSearch.Core.Crawling;

/// <summary>An immutable snapshot of the crawler, published as it runs (CLI progress bar, web admin page, /api/status).</summary>
public sealed record CrawlProgress
{
    public static CrawlProgress Idle { get; } = new();

    public CrawlState State { get; init; } = CrawlState.Idle;

    public ReindexMode? Mode { get; init; }

    /// <summary>What the crawler is doing now: "discovering", "indexing", "deleting", "saving", "idle".</summary>
    public string Phase { get; init; } = "idle";

    public long Discovered { get; init; }

    /// <summary>Images handled so far in this run (indexed + failed + skipped).</summary>
    public long Processed { get; init; }

    public long Indexed { get; init; }

    public long Failed { get; init; }

    /// <summary>Unchanged images that needed no work.</summary>
    public long Skipped { get; init; }

    /// <summary>Images that disappeared from their source in this run (not the catalog's tombstones of all time).</summary>
    public long Deleted { get; init; }

    /// <summary>
    /// Images that need work in this run: counted ahead of the pipeline (exact once change detection has seen every
    /// image); null while nothing is known yet.
    /// </summary>
    public long? ToProcess { get; init; }

    public double ImagesPerSecond { get; init; }

    public TimeSpan? Eta { get; init; }

    public string? CurrentItem { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The most recent failures of this run, newest first (bounded).</summary>
    public IReadOnlyList<CrawlFailure> LastErrors { get; init; } = [];

    /// <summary>The latest finished run (this one, once it has finished); null before the first run of this process.</summary>
    public CrawlRunReport? LastRun { get; init; }

    /// <summary>0..1 when <see cref="ToProcess"/> is known.</summary>
    public double? Fraction => ToProcess is > 0 ? Math.Clamp((double)(Indexed + Failed) / ToProcess.Value, 0, 1) : null;
}
