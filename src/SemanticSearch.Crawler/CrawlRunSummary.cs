using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Pipeline;

namespace SemanticSearch.Crawler;

/// <summary>What one run did, for the CLI summary table, the runs log and the pipeline benchmark.</summary>
public sealed record CrawlRunSummary
{
    /// <summary>Incremental or full.</summary>
    public required ReindexMode Mode { get; init; }

    /// <summary>Completed, cancelled or failed.</summary>
    public required RunOutcome Outcome { get; init; }

    /// <summary>The error that stopped a failed run.</summary>
    public string? Error { get; init; }

    /// <summary>Image locations found in the sources.</summary>
    public long Discovered { get; init; }

    /// <summary>Images stored with an embedding (from the model or reused).</summary>
    public long Indexed { get; init; }

    /// <summary>Of <see cref="Indexed"/>, those that reused an existing embedding (moved, renamed, copied).</summary>
    public long Reused { get; init; }

    /// <summary>Unchanged images.</summary>
    public long Skipped { get; init; }

    /// <summary>Images recorded as failed, with their reason, in this run.</summary>
    public long Failed { get; init; }

    /// <summary>Images that disappeared and were marked deleted.</summary>
    public long Deleted { get; init; }

    /// <summary>Problems that were not about one image (unreadable folders, failed pages).</summary>
    public long Issues { get; init; }

    /// <summary>Failed images per failure kind.</summary>
    public IReadOnlyDictionary<string, long> FailuresByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>The latest problems (images and others), newest first.</summary>
    public IReadOnlyList<CrawlFailure> LastErrors { get; init; } = [];

    /// <summary>Wall-clock duration of the run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Images that needed work (indexed + failed) per second of the whole run.</summary>
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? (Indexed + Failed) / Elapsed.TotalSeconds : 0;

    /// <summary>Time per stage summed over threads.</summary>
    public required StageTimings Timings { get; init; }

    /// <summary>Decode/preprocess workers the run used.</summary>
    public int Workers { get; init; }

    /// <summary>Images per model call.</summary>
    public int BatchSize { get; init; }

    /// <summary>This run as the admin page and <c>/api/status</c> report it, with its last known amount of work.</summary>
    public CrawlRunReport ToReport(CrawlProgress final) => new()
    {
        Outcome = Outcome switch
        {
            RunOutcome.Completed => CrawlRunOutcomes.Completed,
            RunOutcome.Cancelled => CrawlRunOutcomes.Cancelled,
            _ => CrawlRunOutcomes.Failed,
        },
        Mode = Mode,
        StartedAt = final.StartedAt,
        FinishedAt = final.FinishedAt,
        Reason = Error,
        Discovered = Discovered,
        // A completed run did all its work, whatever was known of it beforehand.
        ToProcess = Outcome == RunOutcome.Completed ? Indexed + Failed : final.ToProcess,
        Indexed = Indexed,
        Failed = Failed,
        Skipped = Skipped,
        Deleted = Deleted,
        ImagesPerSecond = ImagesPerSecond,
    };
}
