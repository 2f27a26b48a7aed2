using System.IO.Compression;

namespace SemanticSearch.Tests.Shared;

/// <summary>
/// Writes PNGs of any size without holding their pixels: rows are generated and deflated one at a time, so a test can
/// make the 12000 × 8000 image of the decode-memory finding (about 300 KB, like the one that was reported) cheaply.
/// </summary>
internal static class LargePng
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>An 8-bit RGB PNG whose pixel (x, y) is <paramref name="pixel"/>(x, y), or smooth gradients by default.</summary>
    public static byte[] Create(int width, int height, Func<int, int, (byte R, byte G, byte B)>? pixel = null)
    {
        pixel ??= (x, y) => ((byte)(x * 255L / width), (byte)(y * 255L / height), (byte)((x + y) * 127L / (width + height)));
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + width * 3];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                    (row[1 + x * 3], row[2 + x * 3], row[3 + x * 3]) = pixel(x, y);
                zlib.Write(row);
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteInt(header, 0, width);
        WriteInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var head = new byte[8];
        WriteInt(head, 0, data.Length);
        for (int i = 0; i < 4; i++)
            head[4 + i] = (byte)type[i];
        png.Write(head);
        png.Write(data);
        uint crc = Crc(0xFFFFFFFFu, head.AsSpan(4));
        crc = Crc(crc, data) ^ 0xFFFFFFFFu;
        var tail = new byte[4];
        WriteInt(tail, 0, (int)crc);
        png.Write(tail);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    private static void WriteInt(byte[] buffer, int at, int value)
    {
        buffer[at] = (byte)(value >> 24);
        buffer[at + 1] = (byte)(value >> 16);
        buffer[at + 2] = (byte)(value >> 8);
        buffer[at + 3] = (byte)value;
    }
}
