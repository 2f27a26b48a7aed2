namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>What a Hugging Face tokenizer.json of a SentencePiece model says: the model, and around the text the
/// special ids its post-processor adds (null when it names none) and its truncation length.</summary>
internal sealed record SentencePieceJsonModel(SentencePieceModelSpec Spec, int[]? Prefix, int[]? Suffix, int? MaxLength);
