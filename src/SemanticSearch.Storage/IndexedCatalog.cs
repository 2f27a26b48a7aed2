using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Index;

namespace SemanticSearch.Storage;

/// <summary>
/// Owns writes to the catalog and the vector index together: the catalog commits first and the index follows in the
/// same call, so a crash in between leaves the catalog ahead and the index catches up from its change sequence.
/// The index store given is the answering model's (a model switch builds the new model's index from the catalog at
/// the flip, so no other index needs these writes). Writers on other threads or processes need no lock here: the
/// catalog serialises them, and the store replays whatever it missed when changes arrive out of order.
/// </summary>
public sealed class IndexedCatalog(ICatalogStore catalog, IVectorIndexStore index) : ICatalogWriter
{
    /// <inheritdoc />
    public bool EnsureModel(string modelId, int dimension) => index.EnsureModel(modelId, dimension);

    /// <inheritdoc />
    public CatalogWriteResult Write(CatalogBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Applied(catalog.WriteBatch(batch));
    }

    /// <inheritdoc />
    public CatalogWriteResult RemoveSource(long id) => Applied(catalog.RemoveSource(id));

    /// <inheritdoc />
    public bool Checkpoint() => index.Checkpoint();

    private CatalogWriteResult Applied(CatalogWriteResult changes)
    {
        index.Apply(changes);
        return changes;
    }
}
