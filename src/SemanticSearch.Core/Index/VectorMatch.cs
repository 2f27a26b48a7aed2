namespace SemanticSearch.Core.Index;

/// <summary>One nearest neighbour: the key (catalog image id) and its cosine similarity to the query.</summary>
public readonly record struct VectorMatch(long Key, float Score);
