using Microsoft.Extensions.Logging;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Models;

namespace SemanticSearch.Storage.Index;

/// <summary>Opens the data folder's vector index for the catalog's answering model (a model service opens one per flip).</summary>
public sealed class VectorIndexStoreOpener(ICatalogStore catalog, string path, VectorIndexOptions options, ILogger<VectorIndexStore>? logger = null)
    : IVectorIndexStoreOpener
{
    /// <inheritdoc />
    public IVectorIndexStore Open() => VectorIndexStore.Open(catalog, path, options, readOnly: false, logger);
}
