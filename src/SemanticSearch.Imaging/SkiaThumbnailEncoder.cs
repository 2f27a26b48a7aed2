using System.Runtime.InteropServices;
using SemanticSearch.Core.Imaging;
using SkiaSharp;

namespace SemanticSearch.Imaging;

/// <summary>
/// Lossy WebP previews: downscaled with the antialiasing bicubic filter (a plain GPU-style bicubic sample
/// would alias badly at 10:1) and never upscaled. A 320-pixel photo preview is typically 10–20 KB.
/// </summary>
public sealed class SkiaThumbnailEncoder : IThumbnailEncoder
{
    private readonly float _quality;

    /// <summary>Creates an encoder with WebP quality <paramref name="quality"/> (0–100).</summary>
    public SkiaThumbnailEncoder(int quality = 80)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        _quality = quality;
    }

    /// <inheritdoc />
    public string Extension => ".webp";

    /// <inheritdoc />
    public string ContentType => "image/webp";

    /// <inheritdoc />
    public byte[] Encode(RgbImage image, int maxSide = 320)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        var (width, height) = ThumbnailSize(image.Width, image.Height, maxSide);
        var pixels = width == image.Width && height == image.Height
            ? image
            : PilBicubicResampler.Resize(image, width, height);
        return EncodeWebp(pixels);
    }

    /// <summary>Size whose longest side is at most <paramref name="maxSide"/>, keeping the aspect ratio; never larger than the input.</summary>
    public static (int Width, int Height) ThumbnailSize(int width, int height, int maxSide)
    {
        int longest = Math.Max(width, height);
        if (longest <= maxSide)
            return (width, height);
        double scale = (double)maxSide / longest;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private unsafe byte[] EncodeWebp(RgbImage image)
    {
        // Skia has no packed 24-bit colour type; widen to RGBA with opaque alpha.
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        int count = image.Width * image.Height;
        byte* rgba = (byte*)NativeMemory.Alloc((nuint)count * 4);
        try
        {
            fixed (byte* rgb = image.Pixels)
            {
                for (int i = 0; i < count; i++)
                {
                    rgba[i * 4] = rgb[i * 3];
                    rgba[i * 4 + 1] = rgb[i * 3 + 1];
                    rgba[i * 4 + 2] = rgb[i * 3 + 2];
                    rgba[i * 4 + 3] = 255;
                }
            }
            using var pixmap = new SKPixmap(info, (IntPtr)rgba, info.RowBytes);
            using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, _quality))
                ?? throw new InvalidOperationException("Skia could not encode the thumbnail as WebP.");
            return data.ToArray();
        }
        finally
        {
            NativeMemory.Free(rgba);
        }
    }
}
