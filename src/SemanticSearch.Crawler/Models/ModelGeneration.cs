using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Models;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Crawler.Models;

/// <summary>
/// One answering model with everything bound to it: its image embedder, the index of its vectors and the search
/// service over both. Swapped as a whole, so nothing ever pairs one model's queries with another model's index.
/// </summary>
public sealed record ModelGeneration(
    IEmbeddingModel Model,
    IImageEmbedder Embedder,
    IVectorIndexStore Store,
    ISearchService Search,
    ModelChoice Choice,
    string? Variant);
