namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// A tokenizer that sees each text as open_clip's "canonicalize" cleaning leaves it (<see cref="OpenClipCanonicalText"/>),
/// for model folders whose config.json asks for it in <c>text_cfg.tokenizer_kwargs.clean</c>.
/// </summary>
internal sealed class CanonicalizingTextTokenizer(ITextTokenizer inner) : ITextTokenizer
{
    public int ContextLength => inner.ContextLength;

    public int PadId => inner.PadId;

    public bool PadsToContextLength => inner.PadsToContextLength;

    public bool NeedsLanguage => inner.NeedsLanguage;

    public IReadOnlyList<int> Encode(string text) => inner.Encode(OpenClipCanonicalText.Canonicalize(text ?? string.Empty));

    public int[] EncodeForModel(string text, int contextLength, string? floresLanguage = null) =>
        inner.EncodeForModel(OpenClipCanonicalText.Canonicalize(text ?? string.Empty), contextLength, floresLanguage);
}
