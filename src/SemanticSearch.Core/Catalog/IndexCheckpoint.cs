namespace SemanticSearch.Core.Catalog;

/// <summary>What the saved vector index file contains: every catalog change up to <see cref="Sequence"/>, of one model.</summary>
public sealed record IndexCheckpoint(long Sequence, string ModelId, int Dimension, DateTimeOffset SavedAt);
