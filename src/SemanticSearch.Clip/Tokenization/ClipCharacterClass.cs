namespace SemanticSearch.Clip.Tokenization;

/// <summary>How CLIP's pre-tokenising pattern sees one code point.</summary>
internal enum ClipCharacterClass
{
    /// <summary><c>\p{L}</c>: runs of these form words.</summary>
    Letter,

    /// <summary><c>\p{N}</c>: each one is a word by itself.</summary>
    Number,

    /// <summary>Neither letter, number nor whitespace: runs of these form words.</summary>
    Other,

    /// <summary>Whitespace, and the rare character no branch of the pattern matches; both are dropped.</summary>
    Skipped,
}
