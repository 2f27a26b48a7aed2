namespace SemanticSearch.Clip.Tests.Families;

/// <summary>A reference text (null where the family's tokenizer is not CLIP's), its token ids and its embedding.</summary>
internal sealed record FamilyText(string? Text, int[] Ids, float[] Embedding);
