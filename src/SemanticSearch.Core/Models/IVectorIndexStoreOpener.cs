using SemanticSearch.Core.Index;

namespace SemanticSearch.Core.Models;

/// <summary>Opens the vector index store for the catalog's answering model (recovering or rebuilding it from the catalog).</summary>
public interface IVectorIndexStoreOpener
{
    /// <summary>Opens a new store; the caller owns (and disposes) it.</summary>
    IVectorIndexStore Open();
}
