using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Core.Index;

/// <summary>
/// Keeps the live vector index in step with the catalog and saved on disk. Only the catalog writer
/// (<see cref="ICatalogWriter"/>) calls <see cref="Apply"/>, after each of its catalog writes; <see cref="Checkpoint"/>
/// runs after each batch window and on shutdown; searches use <see cref="Index"/> concurrently.
/// </summary>
public interface IVectorIndexStore
{
    /// <summary>
    /// The live index, lent to readers: the store alone frees it, so disposing what this returns must not (a container
    /// registering it as <see cref="IVectorIndex"/> disposes it).
    /// </summary>
    IVectorIndex Index { get; }

    /// <summary>The catalog change sequence the live index reflects.</summary>
    long AppliedSequence { get; }

    /// <summary>
    /// Adopts the crawler's model in the catalog and, when it changed, empties the index with the new dimension
    /// (everything becomes Pending). Returns true when the model changed.
    /// </summary>
    bool EnsureModel(string modelId, int dimension);

    /// <summary>
    /// Applies a catalog write to the index. When writes happened that this index has not seen (another process),
    /// it first catches up from the catalog.
    /// </summary>
    void Apply(CatalogWriteResult changes);

    /// <summary>
    /// Saves the index atomically when it changed since the last save, then records the checkpoint in the catalog.
    /// Returns true when a file was written.
    /// </summary>
    bool Checkpoint();
}
