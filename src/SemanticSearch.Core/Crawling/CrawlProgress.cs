namespace SemanticSearch.Core.Crawling;

/// <summary>An immutable snapshot of the crawler, published as it runs (CLI progress bar, web admin page, /api/status).</summary>
public sealed record CrawlProgress
{
    public static CrawlProgress Idle { get; } = new();

    public CrawlState State { get; init; } = CrawlState.Idle;

    public ReindexMode? Mode { get; init; }

    /// <summary>What the crawler is doing now: "discovering", "indexing", "saving", "idle".</summary>
    public string Phase { get; init; } = "idle";

    public long Discovered { get; init; }

    /// <summary>Images handled so far in this run (indexed + failed + skipped).</summary>
    public long Processed { get; init; }

    public long Indexed { get; init; }

    public long Failed { get; init; }

    /// <summary>Unchanged images that needed no work.</summary>
    public long Skipped { get; init; }

    /// <summary>Images that need work in this run (known once discovery ends; null before).</summary>
    public long? ToProcess { get; init; }

    public double ImagesPerSecond { get; init; }

    public TimeSpan? Eta { get; init; }

    public string? CurrentItem { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The most recent failures of this run, newest first (bounded).</summary>
    public IReadOnlyList<CrawlFailure> LastErrors { get; init; } = [];

    /// <summary>0..1 when <see cref="ToProcess"/> is known.</summary>
    public double? Fraction => ToProcess is > 0 ? Math.Clamp((double)(Indexed + Failed) / ToProcess.Value, 0, 1) : null;
}
