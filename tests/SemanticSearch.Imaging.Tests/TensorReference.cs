namespace SemanticSearch.Imaging.Tests;

/// <summary>PIL's crop (and optionally tensor) of one photo fixture at one size, with the geometry PIL used.</summary>
internal sealed record TensorReference(
    string Image, int Size, int OrientedWidth, int OrientedHeight,
    int ResizedWidth, int ResizedHeight, int Left, int Top, string Crop, string? Tensor);
