namespace SemanticSearch.Imaging.Tests;

/// <summary>PIL's Image.resize(..., BICUBIC) output of a lossless fixture at one size.</summary>
internal sealed record ResizeReference(string Image, int Width, int Height, string Pixels);
