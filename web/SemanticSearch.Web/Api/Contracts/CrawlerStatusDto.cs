namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A crawler progress snapshot.</summary>
/// <param name="State">idle, running or cancelling.</param>
/// <param name="Mode">incremental or full, while or after a run.</param>
/// <param name="Phase">discovering, indexing, saving or idle.</param>
/// <param name="Discovered">Images found so far in this run.</param>
/// <param name="Processed">Images handled (indexed + failed + skipped).</param>
/// <param name="Indexed">Images embedded in this run.</param>
/// <param name="Failed">Images that failed in this run.</param>
/// <param name="Skipped">Unchanged images that needed no work.</param>
/// <param name="ToProcess">Images needing work, once discovery ended.</param>
/// <param name="Fraction">0..1 when known.</param>
/// <param name="ImagesPerSecond">Current indexing rate.</param>
/// <param name="EtaSeconds">Estimated seconds left.</param>
/// <param name="CurrentItem">What is being worked on.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When the run finished.</param>
/// <param name="LastErrors">Recent failures of this run, newest first.</param>
public sealed record CrawlerStatusDto(
    string State,
    string? Mode,
    string Phase,
    long Discovered,
    long Processed,
    long Indexed,
    long Failed,
    long Skipped,
    long? ToProcess,
    double? Fraction,
    double ImagesPerSecond,
    double? EtaSeconds,
    string? CurrentItem,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<FailureDto> LastErrors)
{
    /// <summary>Images gone from their source in this run.</summary>
    public long Deleted { get; init; }

    /// <summary>How the latest finished run ended (completed, cancelled or failed, with its counts); null before any.</summary>
    public LastRunDto? LastRun { get; init; }
}
