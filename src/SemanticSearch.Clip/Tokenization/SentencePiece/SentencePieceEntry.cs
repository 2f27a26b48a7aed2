namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>One vocabulary entry; its id is its position.</summary>
internal readonly record struct SentencePieceEntry(string Piece, float Score, SentencePieceType Type);
