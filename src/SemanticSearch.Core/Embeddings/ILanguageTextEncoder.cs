namespace SemanticSearch.Core.Embeddings;

/// <summary>
/// A text encoder that can be told the language of its texts (NLLB-CLIP wants a FLORES-200 code before each text).
/// Encoders that need no language resolve every tag to <see cref="TextLanguage.None"/>.
/// </summary>
public interface ILanguageTextEncoder : ITextEncoder
{
    /// <summary>What <paramref name="languageTag"/> (BCP 47, e.g. <c>de-CH</c>; null for none) becomes for this model.</summary>
    TextLanguage ResolveLanguage(string? languageTag);

    /// <summary>One normalised vector per text, in order, each encoded as <paramref name="language"/>.</summary>
    float[][] EncodeTexts(IReadOnlyList<string> texts, TextLanguage language, CancellationToken cancellationToken = default);
}
