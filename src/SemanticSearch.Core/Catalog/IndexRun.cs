namespace SemanticSearch.Core.Catalog;

/// <summary>One entry of the indexing runs log.</summary>
/// <param name="Mode">"incremental" or "full" (free text).</param>
/// <param name="Outcome">"completed", "cancelled", "failed: ..." or null while running (or after a crash).</param>
public sealed record IndexRun(
    long Id,
    string Mode,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Outcome,
    IndexRunCounts Counts);
