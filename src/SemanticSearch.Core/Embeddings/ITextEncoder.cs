namespace SemanticSearch.Core.Embeddings;

/// <summary>Text to L2-normalised CLIP embeddings. Thread-safe.</summary>
public interface ITextEncoder
{
    int Dimension { get; }

    /// <summary>One normalised vector per text, in order.</summary>
    float[][] EncodeTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
