namespace SemanticSearch.Core.Embeddings;

/// <summary>Encodes query texts in the language asked for when the encoder takes one, plainly otherwise.</summary>
public static class QueryLanguage
{
    /// <summary>Why <paramref name="languageTag"/> was not used by <paramref name="encoder"/>; null when it was or
    /// when the encoder takes no language.</summary>
    public static string? NoteFor(ITextEncoder encoder, string? languageTag) =>
        encoder is ILanguageTextEncoder multilingual ? multilingual.ResolveLanguage(languageTag).Note : null;

    /// <summary>One normalised vector per text, encoded as <paramref name="languageTag"/> where the encoder takes a language.</summary>
    public static float[][] Encode(ITextEncoder encoder, IReadOnlyList<string> texts, string? languageTag, CancellationToken cancellationToken) =>
        encoder is ILanguageTextEncoder multilingual
            ? multilingual.EncodeTexts(texts, multilingual.ResolveLanguage(languageTag), cancellationToken)
            : encoder.EncodeTexts(texts, cancellationToken);
}
