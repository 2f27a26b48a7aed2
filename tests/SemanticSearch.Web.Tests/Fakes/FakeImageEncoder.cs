using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Web.Tests.Fakes;

/// <summary>CLIP's input size, so pages can reserve decode memory for query images; component tests never encode.</summary>
internal sealed class FakeImageEncoder : IImageEncoder
{
    public int Dimension => 4;

    public PreprocessSpec Preprocess => PreprocessSpec.Clip;

    public float[][] EncodeImages(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
