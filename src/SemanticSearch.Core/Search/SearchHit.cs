using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Core.Search;

/// <summary>One result: the catalog row and its cosine similarity to the query.</summary>
public sealed record SearchHit(CatalogImage Image, float Score);
