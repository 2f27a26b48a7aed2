namespace SemanticSearch.Core.Catalog;

/// <summary>
/// The one way to change what search finds: each write goes to the catalog (the source of truth) and the vector
/// changes it implies go to the answering model's index in the same call, so no caller can forget the second half.
/// Writers (the crawler's writer stage and deletion pass, removing a source from the CLI or the admin page) use this,
/// never the catalog's write methods plus an index apply of their own.
/// </summary>
public interface ICatalogWriter
{
    /// <summary>
    /// Adopts the crawler's model: when it differs from the catalog's, every image becomes Pending and the index is
    /// emptied with the new dimension. Returns true when the model changed.
    /// </summary>
    bool EnsureModel(string modelId, int dimension);

    /// <summary>Stores a batch in one catalog transaction, then brings the index up to date with it.</summary>
    /// <exception cref="ArgumentException">An embedding's length differs from the catalog model's dimension, or no model is set.</exception>
    CatalogWriteResult Write(CatalogBatch batch);

    /// <summary>
    /// Removes a source (see <see cref="ICatalogStore.RemoveSource"/>): its images become deleted tombstones and leave
    /// the index at once. Unknown ids change nothing.
    /// </summary>
    CatalogWriteResult RemoveSource(long id);

    /// <summary>
    /// Saves the index atomically when it changed since the last save and records that in the catalog. Returns true
    /// when a file was written.
    /// </summary>
    bool Checkpoint();
}
