namespace SemanticSearch.Core.Crawling;

/// <summary>What happened to a reindex request.</summary>
/// <param name="Started">True when this request started a run; false when one was already running (the caller joins it).</param>
/// <param name="Message">A sentence for people: "Full rebuild started." or "An incremental scan is already running; joined it."</param>
public sealed record ReindexStartResult(bool Started, string Message, ReindexMode RunningMode);
