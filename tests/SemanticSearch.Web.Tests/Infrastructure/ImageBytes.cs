using System.Net.Http.Headers;
using SkiaSharp;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>Query images made from gallery files.</summary>
internal static class ImageBytes
{
    /// <summary>A near-duplicate: the image scaled to 90% and saved as a lower-quality JPEG.</summary>
    public static byte[] NearDuplicate(string path)
    {
        using var original = SKBitmap.Decode(path);
        var info = new SKImageInfo(Math.Max(8, original.Width * 9 / 10), Math.Max(8, original.Height * 9 / 10));
        using var scaled = original.Resize(info, new SKSamplingOptions(SKFilterMode.Linear));
        using var image = SKImage.FromBitmap(scaled);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 70);
        return data.ToArray();
    }

    /// <summary>The start of a real JPEG: it sniffs as an image but cannot be decoded.</summary>
    public static byte[] Truncated(string path) => File.ReadAllBytes(path)[..200];

    /// <summary>Pixel colours of a huge PNG that compresses like the reported one: 1000-pixel blocks of red and blue.</summary>
    public static (byte, byte, byte) Blocks(int x, int y) =>
        (x / 1000 + y / 1000) % 2 == 0 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255);

    /// <summary>A raw request body of PNG bytes.</summary>
    public static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }
}
