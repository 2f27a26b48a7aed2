namespace SemanticSearch.Clip.Tests.Families;

/// <summary>
/// A reference text (null where the family's tokenizer is not CLIP's), its token ids and its embedding; for the
/// multilingual families also the BCP 47 tag it was given (null: none, which NLLB reads as English).
/// </summary>
internal sealed record FamilyText(string? Text, int[] Ids, float[] Embedding, string? Language = null);
