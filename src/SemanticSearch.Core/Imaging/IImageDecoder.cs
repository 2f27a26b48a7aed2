namespace SemanticSearch.Core.Imaging;

/// <summary>Turns encoded bytes into oriented RGB pixels. Every failure is an <see cref="ImageDecodeException"/>.</summary>
public interface IImageDecoder
{
    /// <summary>Reads format, oriented size and EXIF without decoding pixels.</summary>
    ImageMetadata ReadMetadata(ReadOnlySpan<byte> data, DecodeLimits? limits = null);

    /// <summary>
    /// Decodes with EXIF orientation applied and alpha dropped the way PIL's convert("RGB") does.
    /// The decoder may decode at a reduced scale (e.g. JPEG DCT scaling) but both sides of the result
    /// stay at least <paramref name="minShortSide"/> wide when the original is; 0 means full size.
    /// </summary>
    DecodedImage Decode(ReadOnlySpan<byte> data, int minShortSide = 0, DecodeLimits? limits = null);

    /// <summary>
    /// Bytes that <see cref="Decode"/> with the same arguments holds at its peak (decode buffers and result), read from
    /// the header without decoding, so callers can reserve them from a <see cref="DecodeMemoryBudget"/> first. Checks the
    /// limits and fails like <see cref="ReadMetadata"/>. The default assumes a full-size RGBA decode plus its RGB copy.
    /// </summary>
    long MeasureDecodeMemory(ReadOnlySpan<byte> data, int minShortSide = 0, DecodeLimits? limits = null)
    {
        var metadata = ReadMetadata(data, limits);
        return (long)metadata.Width * metadata.Height * (4 + 3);
    }
}
