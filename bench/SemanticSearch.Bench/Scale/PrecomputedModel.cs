using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Bench.Scale;

/// <summary>The model the synthetic catalog is "embedded" with: precomputed query vectors, no ONNX.</summary>
internal sealed class PrecomputedModel(float[] queries, int dimension) : IEmbeddingModel
{
    public const string Id = "bench-synthetic";

    public string ModelId => Id;

    public int Dimension => dimension;

    public ITextEncoder Text { get; } = new PrecomputedTextEncoder(queries, dimension);

    public IImageEncoder Images { get; } = new NoImageEncoder(dimension);

    public void Dispose()
    {
    }
}
