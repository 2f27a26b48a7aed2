using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Bench.Scale;

/// <summary>The image side of the benchmark's model: its queries are texts only.</summary>
internal sealed class NoImageEncoder(int dimension) : IImageEncoder
{
    public int Dimension => dimension;

    public PreprocessSpec Preprocess => PreprocessSpec.Clip;

    public float[][] EncodeImages(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("bench scale queries are precomputed text vectors.");
}
