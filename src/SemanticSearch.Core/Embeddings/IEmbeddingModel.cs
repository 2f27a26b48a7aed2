namespace SemanticSearch.Core.Embeddings;

/// <summary>A loaded CLIP model: one text and one image encoder sharing an embedding space.</summary>
public interface IEmbeddingModel : IDisposable
{
    /// <summary>Stable id stored with every embedding (e.g. "clip-demo" or "openai/clip-vit-base-patch32").</summary>
    string ModelId { get; }

    int Dimension { get; }

    ITextEncoder Text { get; }

    IImageEncoder Images { get; }

    /// <summary>What the model folder says about itself; models without a card say nothing.</summary>
    ModelCard Card => ModelCard.Unknown;
}
