namespace SemanticSearch.Web.Api.Contracts;

/// <summary>How the latest finished indexing run ended; its counts are that run's only.</summary>
/// <param name="Outcome">completed, cancelled or failed.</param>
/// <param name="Mode">incremental or full; null when unknown.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Reason">Why a failed run stopped (admins only; null otherwise).</param>
/// <param name="Discovered">Images found.</param>
/// <param name="ToProcess">Images that needed work, as far as the run knew; null when it never found out.</param>
/// <param name="Indexed">Images embedded.</param>
/// <param name="Failed">Images that failed.</param>
/// <param name="Skipped">Unchanged images.</param>
/// <param name="Deleted">Images gone from their source.</param>
/// <param name="ImagesPerSecond">Images worked on per second over the whole run.</param>
public sealed record LastRunDto(
    string Outcome,
    string? Mode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Reason,
    long Discovered,
    long? ToProcess,
    long Indexed,
    long Failed,
    long Skipped,
    long Deleted,
    double ImagesPerSecond);
