namespace SemanticSearch.Core.Catalog;

/// <summary>Where an image stands in the catalog. Stored as an integer: never renumber.</summary>
public enum ImageStatus
{
    /// <summary>Discovered but not embedded yet (new, changed, or waiting for a new model).</summary>
    Pending = 0,
    /// <summary>Embedded with the catalog's current model and present in the vector index.</summary>
    Indexed = 1,
    /// <summary>Could not be used; the reason is stored. Retried only when the file changes.</summary>
    Failed = 2,
    /// <summary>Gone from its source; kept as a tombstone, removed from the vector index.</summary>
    Deleted = 3,
}
