namespace SemanticSearch.Core.Catalog;

/// <summary>Where a source's images come from. Stored as an integer: never renumber.</summary>
public enum SourceKind
{
    /// <summary>A local folder, scanned recursively.</summary>
    Folder = 0,

    /// <summary>A list of image URLs or start pages crawled within the same host.</summary>
    Web = 1,
}
