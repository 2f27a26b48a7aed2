using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Web.Tests.Fakes;

/// <summary>A model that is "loaded" (component tests never encode).</summary>
internal sealed class FakeEmbeddingModel : IEmbeddingModel
{
    public string ModelId => "fake-model";

    public int Dimension => 4;

    public ITextEncoder Text => throw new NotSupportedException();

    public IImageEncoder Images { get; } = new FakeImageEncoder();

    public ModelCard Card { get; set; } = ModelCard.Unknown;

    public void Dispose()
    {
    }
}
