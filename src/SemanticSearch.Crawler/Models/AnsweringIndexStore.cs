using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Index;

namespace SemanticSearch.Crawler.Models;

/// <summary>The answering model's vector index store (each flip opens a new one for the new model's vectors).</summary>
public sealed class AnsweringIndexStore(ModelService service) : IVectorIndexStore
{
    private IVectorIndexStore Store => service.Current?.Store
        ?? throw new InvalidOperationException("No embedding model is loaded: " + (service.Problem ?? "it is still loading."));

    /// <inheritdoc />
    public IVectorIndex Index => Store.Index;

    /// <inheritdoc />
    public long AppliedSequence => Store.AppliedSequence;

    /// <inheritdoc />
    public bool EnsureModel(string modelId, int dimension) => Store.EnsureModel(modelId, dimension);

    /// <inheritdoc />
    public void Apply(CatalogWriteResult changes)
    {
        // Without a model there is no index: the catalog is the truth and the next index opened catches up from it.
        if (service.Current is { } current)
            current.Store.Apply(changes);
    }

    /// <inheritdoc />
    public bool Checkpoint() => service.Current?.Store.Checkpoint() ?? false;
}
