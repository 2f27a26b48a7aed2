using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>Small real images made at test time: each seed gives different pixels, so different content hashes.</summary>
internal static class TestImages
{
    private static readonly SKColor[] Palette =
    [
        SKColors.Red, SKColors.Green, SKColors.Blue, SKColors.Orange, SKColors.Purple, SKColors.Yellow, SKColors.Teal, SKColors.Pink,
    ];

    public static byte[] Png(int seed, int width = 96, int height = 64) => Encode(seed, width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int seed, int width = 96, int height = 64) => Encode(seed, width, height, SKEncodedImageFormat.Jpeg);

    private static byte[] Encode(int seed, int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(Palette[seed % Palette.Length]);
            using var paint = new SKPaint { Color = Palette[(seed / Palette.Length + 3) % Palette.Length], IsAntialias = true };
            var random = new Random(seed);
            canvas.DrawCircle(random.Next(width), random.Next(height), 8 + random.Next(Math.Min(width, height) / 2), paint);
            // A few exact pixels make every seed unique even when the shapes coincide.
            bitmap.SetPixel(seed % width, 0, new SKColor((byte)seed, (byte)(seed >> 8), 7));
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> × <paramref name="height"/> pixels (a decompression bomb).</summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // grayscale
        WriteChunk(stream, "IHDR", ihdr);
        // The first rows of zeros, deflated: enough to look like a real stream, a tiny fraction of the declared size.
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            z.Write(new byte[(width + 1) * 64]);
        WriteChunk(stream, "IDAT", compressed.ToArray());
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        byte[] typed = [.. type.Select(c => (byte)c), .. data];
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        stream.Write(length);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
