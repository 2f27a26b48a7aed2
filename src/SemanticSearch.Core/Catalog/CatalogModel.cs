namespace SemanticSearch.Core.Catalog;

/// <summary>The embedding model a catalog's vectors come from. Vectors of two models never mix.</summary>
public sealed record CatalogModel(string ModelId, int Dimension);
