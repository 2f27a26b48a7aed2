namespace SemanticSearch.Tests.Shared;

/// <summary>
/// A fine checkerboard (period 15 px) over large colour blocks. In a large JPEG, a 1/8 DCT-scaled decode aliases the
/// checkerboard into a visible moiré that a 1/4 decode does not show, so the same file embeds measurably differently
/// when two paths decode it at different scales (a striped, noisy 2400 × 2000 JPEG, decoded at 1/4 and 1/2, stayed
/// within a cosine of 1e-5 on the demo model and could not show the difference).
/// </summary>
internal static class MoirePattern
{
    /// <summary>The colour of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var check = (x % 15 < 7) ^ (y % 15 < 7) ? 1 : 0;
        return (
            (byte)Math.Min(255, x / 500 % 2 * 110 + check * 120),
            (byte)Math.Min(255, y / 450 % 2 * 110 + check * 90),
            (byte)Math.Min(255, (x + y) / 700 % 2 * 110 + (1 - check) * 100));
    }

    /// <summary>RGBA8888 pixels of a <paramref name="width"/> × <paramref name="height"/> image, opaque.</summary>
    public static byte[] Rgba(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 4;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = Pixel(x, y);
                pixels[i + 3] = 255;
            }
        }
        return pixels;
    }
}
