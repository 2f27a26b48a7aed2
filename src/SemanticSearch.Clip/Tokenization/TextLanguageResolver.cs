using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// Turns a BCP 47 tag into the language a tokenizer takes. Only tokenizers that need one (NLLB's) get a code; an
/// unknown tag, or a language the vocabulary lacks, falls back to English with a note saying so.
/// </summary>
public static class TextLanguageResolver
{
    /// <summary>The language <paramref name="tokenizer"/> is given for <paramref name="languageTag"/>.</summary>
    public static TextLanguage Resolve(ITextTokenizer tokenizer, string? languageTag)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (!tokenizer.NeedsLanguage)
            return TextLanguage.None;
        if (string.IsNullOrWhiteSpace(languageTag))
            return new TextLanguage(FloresLanguageMap.English, null);
        var code = FloresLanguageMap.Resolve(languageTag);
        if (code is null)
            return new TextLanguage(FloresLanguageMap.English, $"The language '{languageTag}' is not known to this search; the query was read as English.");
        if (tokenizer is SentencePieceTextTokenizer sentencePiece && !sentencePiece.HasLanguage(code))
            return new TextLanguage(FloresLanguageMap.English, $"This model does not know the language '{languageTag}' ({code}); the query was read as English.");
        return new TextLanguage(code, null);
    }
}
