namespace SemanticSearch.Imaging;

/// <summary>
/// Finds the palette colour behind a GIF's transparent index. Skia renders transparent GIF pixels as transparent
/// black, while PIL's <c>convert("RGB")</c> of the palette image shows that index's palette colour; the decoder paints
/// it back so GIFs match the reference. Only the blocks before the first image are read.
/// </summary>
internal static class GifTransparentColour
{
    /// <summary>Returns true and the colour when the first frame declares a transparent index.</summary>
    public static bool TryFind(ReadOnlySpan<byte> data, out (byte R, byte G, byte B) colour)
    {
        colour = default;
        if (data.Length < 13 || !(data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)))
            return false;

        int pos = 13;
        byte screenFlags = data[10];
        ReadOnlySpan<byte> palette = default;
        if ((screenFlags & 0x80) != 0)
        {
            int size = 3 << ((screenFlags & 7) + 1);
            if (pos + size > data.Length)
                return false;
            palette = data.Slice(pos, size);
            pos += size;
        }

        int transparentIndex = -1;
        while (pos < data.Length)
        {
            byte block = data[pos];
            if (block == 0x21 && pos + 1 < data.Length)
            {
                // Graphic Control Extension: 21 F9 04 flags delay(2) index 00.
                if (data[pos + 1] == 0xF9 && pos + 6 < data.Length && data[pos + 2] >= 4 && transparentIndex < 0)
                    transparentIndex = (data[pos + 3] & 1) != 0 ? data[pos + 6] : -1;
                pos += 2;
                if (!SkipSubBlocks(data, ref pos))
                    return false;
            }
            else if (block == 0x2C && pos + 10 <= data.Length)
            {
                byte imageFlags = data[pos + 9];
                pos += 10;
                if ((imageFlags & 0x80) != 0)
                {
                    int size = 3 << ((imageFlags & 7) + 1);
                    if (pos + size > data.Length)
                        return false;
                    palette = data.Slice(pos, size);
                }
                break;
            }
            else
            {
                return false;
            }
        }

        if (transparentIndex < 0 || (transparentIndex + 1) * 3 > palette.Length)
            return false;
        colour = (palette[transparentIndex * 3], palette[transparentIndex * 3 + 1], palette[transparentIndex * 3 + 2]);
        return true;
    }

    private static bool SkipSubBlocks(ReadOnlySpan<byte> data, ref int pos)
    {
        while (pos < data.Length)
        {
            int length = data[pos];
            pos += 1 + length;
            if (length == 0)
                return true;
        }
        return false;
    }
}
