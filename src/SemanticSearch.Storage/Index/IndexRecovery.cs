namespace SemanticSearch.Storage.Index;

/// <summary>How the vector index was brought up to date at start-up (shown by <c>semsearch stats</c>).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Reason">Why the file could not be used as it was (null when it could).</param>
/// <param name="Applied">Catalog changes replayed (catch-up) or vectors added (rebuild).</param>
/// <param name="Took">Time spent opening.</param>
public sealed record IndexRecovery(IndexRecoveryKind Kind, string? Reason, long Applied, TimeSpan Took);
