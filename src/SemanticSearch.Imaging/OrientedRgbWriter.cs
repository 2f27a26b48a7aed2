using SkiaSharp;

namespace SemanticSearch.Imaging;

/// <summary>
/// Turns decoded RGBA rows into packed RGB with an EXIF orientation applied in the same pass.
/// Alpha is dropped without compositing, which is what PIL's <c>convert("RGB")</c> does; the decoder asks
/// Skia for unpremultiplied pixels so the colour of translucent pixels is the stored colour.
/// </summary>
internal static class OrientedRgbWriter
{
    /// <summary>True when the orientation swaps width and height (the four transposing ones).</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) => origin is
        SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Converts <paramref name="rgba"/> (width × height, stride width × 4) to an oriented RGB array.</summary>
    /// <param name="rgba">Unpremultiplied RGBA rows.</param>
    /// <param name="width">Stored width.</param>
    /// <param name="height">Stored height.</param>
    /// <param name="origin">EXIF orientation to apply.</param>
    /// <param name="transparentFill">Colour for fully transparent pixels (a GIF's transparent palette entry), or null to keep theirs.</param>
    public static unsafe byte[] Convert(byte* rgba, int width, int height, SKEncodedOrigin origin, (byte R, byte G, byte B)? transparentFill = null)
    {
        var rgb = new byte[checked(width * height * 3)];
        // Destination pixel index of source pixel (x, y) is base + x * stepX + y * stepY.
        long w = width, h = height;
        (long Start, long StepX, long StepY) steps = origin switch
        {
            SKEncodedOrigin.TopRight => (w - 1, -1, w),                       // mirror horizontally
            SKEncodedOrigin.BottomRight => ((h - 1) * w + w - 1, -1, -w),    // rotate 180°
            SKEncodedOrigin.BottomLeft => ((h - 1) * w, 1, -w),              // mirror vertically
            SKEncodedOrigin.LeftTop => (0, h, 1),                            // transpose
            SKEncodedOrigin.RightTop => (h - 1, h, -1),                      // rotate 90° clockwise
            SKEncodedOrigin.RightBottom => ((w - 1) * h + h - 1, -h, -1),    // transverse
            SKEncodedOrigin.LeftBottom => ((w - 1) * h, -h, 1),              // rotate 90° counter-clockwise
            _ => (0, 1, w),
        };
        var (start, stepX, stepY) = steps;

        fixed (byte* dst = rgb)
        {
            if (transparentFill is { } fill)
            {
                for (long y = 0; y < h; y++)
                {
                    byte* s = rgba + y * w * 4;
                    long index = start + y * stepY;
                    for (long x = 0; x < w; x++, s += 4, index += stepX)
                    {
                        byte* d = dst + index * 3;
                        bool clear = s[3] == 0;
                        d[0] = clear ? fill.R : s[0];
                        d[1] = clear ? fill.G : s[1];
                        d[2] = clear ? fill.B : s[2];
                    }
                }
                return rgb;
            }

            if (stepX == 1 && stepY == w)
            {
                // Upright: plain RGBA → RGB.
                for (long i = 0, n = w * h; i < n; i++)
                {
                    byte* s = rgba + i * 4;
                    byte* d = dst + i * 3;
                    d[0] = s[0];
                    d[1] = s[1];
                    d[2] = s[2];
                }
                return rgb;
            }

            for (long y = 0; y < h; y++)
            {
                byte* s = rgba + y * w * 4;
                long index = start + y * stepY;
                for (long x = 0; x < w; x++, s += 4, index += stepX)
                {
                    byte* d = dst + index * 3;
                    d[0] = s[0];
                    d[1] = s[1];
                    d[2] = s[2];
                }
            }
        }
        return rgb;
    }
}
