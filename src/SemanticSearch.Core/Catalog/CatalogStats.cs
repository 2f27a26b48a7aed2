namespace SemanticSearch.Core.Catalog;

/// <summary>Counts for the stats command and the web admin page.</summary>
public sealed record CatalogStats
{
    /// <summary>Number of configured sources.</summary>
    public long Sources { get; init; }

    /// <summary>Images waiting to be embedded.</summary>
    public long Pending { get; init; }

    /// <summary>Images embedded with the current model.</summary>
    public long Indexed { get; init; }

    /// <summary>Images that could not be indexed.</summary>
    public long Failed { get; init; }

    /// <summary>Tombstones of images that disappeared.</summary>
    public long Deleted { get; init; }

    /// <summary>Failed images per failure kind.</summary>
    public IReadOnlyDictionary<string, long> FailuresByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>The model the catalog is built with; null before the first run.</summary>
    public CatalogModel? Model { get; init; }

    /// <summary>The latest change sequence.</summary>
    public long Sequence { get; init; }

    /// <summary>What the saved index file contains; null when none was saved.</summary>
    public IndexCheckpoint? Checkpoint { get; init; }

    /// <summary>Size of the catalog database in bytes.</summary>
    public long DatabaseBytes { get; init; }
}
