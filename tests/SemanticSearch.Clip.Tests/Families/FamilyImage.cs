namespace SemanticSearch.Clip.Tests.Families;

/// <summary>A photo fixture and its reference embedding (PIL preprocessing with the family's settings, then PyTorch).</summary>
internal sealed record FamilyImage(string Image, float[] Embedding);
