namespace SemanticSearch.Core.Catalog;

/// <summary>A folder (or URL directory) holding indexed images, for the search page's folder filter.</summary>
/// <param name="SourceId">The source the images belong to.</param>
/// <param name="Location">The folder's absolute path or URL, ending with '/'.</param>
/// <param name="Count">Indexed images directly in it (not in its subfolders).</param>
public sealed record CatalogFolder(long SourceId, string Location, int Count);
