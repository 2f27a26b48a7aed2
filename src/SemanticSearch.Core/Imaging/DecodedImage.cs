namespace SemanticSearch.Core.Imaging;

/// <summary>An oriented RGB image plus the metadata of the original file (original, not decoded, size).</summary>
public sealed record DecodedImage(ImageMetadata Metadata, RgbImage Pixels);
