using System.Text;

namespace SemanticSearch.Imaging;

/// <summary>
/// Recognises formats by their first bytes when Skia cannot open the data, so the error can say
/// "a TIFF image, which is not supported" or "an HTML page" instead of a bare failure code.
/// </summary>
internal static class ImageSignature
{
    /// <summary>Formats the decoder handles, by the lower-case names used in <see cref="Core.Imaging.ImageMetadata.Format"/>.</summary>
    public static bool IsSupportedFormatName(string name) => name is "jpeg" or "png" or "gif" or "webp" or "bmp";

    /// <summary>Returns the lower-case name of the image format these bytes start like, or null.</summary>
    public static string? Identify(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "jpeg";
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return "png";
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
            return "gif";
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
            return "webp";
        if (data.Length >= 14 && data.StartsWith("BM"u8))
            return "bmp";
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
            return "tiff";
        if (data.StartsWith((ReadOnlySpan<byte>)[0, 0, 1, 0]) && data.Length >= 6)
            return "ico";
        if (data.StartsWith("8BPS"u8))
            return "psd";
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || (data.Length >= 12 && data.Slice(4, 8).SequenceEqual("JXL \r\n\x87\n"u8)))
            return "jpeg-xl";
        if (data.Length >= 12 && data.Slice(4, 8).SequenceEqual("jP  \r\n\x87\n"u8))
            return "jpeg-2000";
        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
            return IsoMediaBrand(data);
        if (LooksLikeSvg(data))
            return "svg";
        return null;
    }

    /// <summary>A short description of non-image data, for error messages ("an HTML page", "plain text", ...).</summary>
    public static string DescribeNonImage(ReadOnlySpan<byte> data)
    {
        var head = LeadingText(data);
        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return "an HTML page";
        if (data.StartsWith("%PDF"u8))
            return "a PDF document";
        if (head.StartsWith('{') || head.StartsWith('['))
            return "JSON or other text";
        if (head.StartsWith('<'))
            return "XML or HTML markup";
        if (data.StartsWith("PK\x03\x04"u8))
            return "a ZIP archive";
        return IsMostlyText(data) ? "plain text" : "unrecognised binary data";
    }

    private static string IsoMediaBrand(ReadOnlySpan<byte> data)
    {
        // The major brand follows 'ftyp'; compatible brands follow the minor version.
        var box = data[..Math.Min(data.Length, 64)];
        string text = Encoding.ASCII.GetString(box);
        if (text.Contains("avif") || text.Contains("avis"))
            return "avif";
        if (text.Contains("heic") || text.Contains("heix") || text.Contains("hevc") || text.Contains("heif") || text.Contains("mif1") || text.Contains("msf1"))
            return "heif";
        return "iso-media";
    }

    private static bool LooksLikeSvg(ReadOnlySpan<byte> data)
    {
        var head = LeadingText(data);
        return head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && head.Contains("<svg", StringComparison.OrdinalIgnoreCase));
    }

    private static string LeadingText(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 512)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            head = head[3..];
        return Encoding.UTF8.GetString(head).TrimStart();
    }

    private static bool IsMostlyText(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 1024)];
        if (head.IsEmpty)
            return false;
        int printable = 0;
        foreach (byte b in head)
        {
            if (b is (>= 0x20 and < 0x7F) or (byte)'\n' or (byte)'\r' or (byte)'\t' or >= 0x80)
                printable++;
        }
        return printable >= head.Length * 95 / 100 && !head.Contains((byte)0);
    }
}
