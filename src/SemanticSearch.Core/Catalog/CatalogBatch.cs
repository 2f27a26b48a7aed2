namespace SemanticSearch.Core.Catalog;

/// <summary>Everything one writer step stores, in one transaction: all of it or nothing.</summary>
public sealed record CatalogBatch
{
    /// <summary>New or re-embedded images.</summary>
    public IReadOnlyList<EmbeddedImage> Indexed { get; init; } = [];

    /// <summary>Images that could not be indexed, with the reason.</summary>
    public IReadOnlyList<FailedImage> Failed { get; init; } = [];

    /// <summary>Ids of images that disappeared from their source (kept as tombstones).</summary>
    public IReadOnlyList<long> Deleted { get; init; } = [];

    /// <summary>Indexed images that moved or were renamed.</summary>
    public IReadOnlyList<MovedImage> Moved { get; init; } = [];

    /// <summary>Unchanged content with a new size or time.</summary>
    public IReadOnlyList<TouchedImage> Touched { get; init; } = [];

    /// <summary>True when the batch holds nothing.</summary>
    public bool IsEmpty => Indexed.Count == 0 && Failed.Count == 0 && Deleted.Count == 0 && Moved.Count == 0 && Touched.Count == 0;
}
