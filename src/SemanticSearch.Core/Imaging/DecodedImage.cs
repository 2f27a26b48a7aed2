namespace SemanticSearch.Core.Imaging;

/// <summary>An oriented RGB image plus the metadata of the original file (original, not decoded, size).</summary>
public sealed record DecodedImage(ImageMetadata Metadata, RgbImage Pixels)
{
    /// <summary>
    /// Decoded pixels per original pixel: 1 for a full-size decode, 0.25 for a JPEG decoded at 1/4 DCT scale.
    /// The content spans Metadata.Width × Scale pixels, which can be a fraction less than Pixels.Width
    /// (scaled sizes are rounded up), so geometry should be derived from Metadata and Scale, not Pixels.
    /// </summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>
    /// Left edge of the content within <see cref="Pixels"/>, in decoded pixels: the rounding-up padding of a scaled
    /// decode sits at the stored image's right and bottom edges, which EXIF orientation can turn into left or top.
    /// </summary>
    public double ContentLeft { get; init; }

    /// <summary>Top edge of the content within <see cref="Pixels"/>, in decoded pixels (see <see cref="ContentLeft"/>).</summary>
    public double ContentTop { get; init; }
}
