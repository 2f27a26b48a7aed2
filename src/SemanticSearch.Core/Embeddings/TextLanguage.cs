namespace SemanticSearch.Core.Embeddings;

/// <summary>The language a multilingual text tower is told the query is in.</summary>
/// <param name="ModelCode">The model's own code (FLORES-200 for NLLB, e.g. <c>deu_Latn</c>); null where the model takes none.</param>
/// <param name="Note">Why the asked language was not used (unknown tag, language the model lacks); null when it was.</param>
public sealed record TextLanguage(string? ModelCode, string? Note)
{
    /// <summary>No language: the model does not take one.</summary>
    public static TextLanguage None { get; } = new(null, null);
}
