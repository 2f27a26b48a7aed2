namespace SemanticSearch.Core.Catalog;

/// <summary>What an indexing run did.</summary>
public sealed record IndexRunCounts(long Discovered, long Indexed, long Failed, long Skipped, long Deleted);
