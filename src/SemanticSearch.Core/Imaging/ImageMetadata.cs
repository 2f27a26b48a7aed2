namespace SemanticSearch.Core.Imaging;

/// <summary>What the header and EXIF say about an image. Width and height are after EXIF orientation.</summary>
/// <param name="Format">Lower-case format name: jpeg, png, gif, webp, bmp.</param>
public sealed record ImageMetadata(
    string Format,
    int Width,
    int Height,
    DateTimeOffset? DateTaken = null,
    string? Camera = null);
