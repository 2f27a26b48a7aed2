namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>A piece's kind, numbered as in sentencepiece_model.proto.</summary>
internal enum SentencePieceType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Byte = 6,
    Unused = 5,
}
