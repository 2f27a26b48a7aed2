using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>The real demo model with a counting image encoder; the container owns (and disposes) the inner model.</summary>
/// <param name="modelId">An id to report instead of the real one (to simulate a model change); null keeps it.</param>
internal sealed class CountingEmbeddingModel(IEmbeddingModel inner, string? modelId = null) : IEmbeddingModel
{
    public CountingImageEncoder Counter { get; } = new(inner.Images);

    public string ModelId => modelId ?? inner.ModelId;

    public int Dimension => inner.Dimension;

    public ITextEncoder Text => inner.Text;

    public IImageEncoder Images => Counter;

    public void Dispose()
    {
    }
}
