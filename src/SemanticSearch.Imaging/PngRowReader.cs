using System.IO.Compression;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Imaging;

/// <summary>
/// Reads a non-interlaced PNG one row at a time as 8-bit RGB, holding two rows of filtered data and nothing else.
/// Skia's PNG codec in this build has no scanline mode (only whole-image and incremental decodes into a buffer of the
/// full size), so a 96-megapixel PNG would cost 384 MB before any reduction; this costs a few rows.
/// Colour is taken as stored and alpha dropped, like the full decode (PIL's <c>convert("RGB")</c>); 16-bit samples
/// keep their high byte, as Skia's swizzler does.
/// </summary>
internal sealed unsafe class PngRowReader : IDisposable
{
    private readonly ZLibStream _inflater;
    private readonly int _colourType;
    private readonly int _bitDepth;
    private readonly int _bytesPerPixel;
    private readonly byte[] _palette = new byte[256 * 3];
    private byte[] _previous;
    private byte[] _current;

    private PngRowReader(byte* data, int length, Header header)
    {
        Width = header.Width;
        Height = header.Height;
        _colourType = header.ColourType;
        _bitDepth = header.BitDepth;
        int channels = _colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        _bytesPerPixel = Math.Max(1, channels * _bitDepth / 8);
        int stride = checked((int)(((long)Width * channels * _bitDepth + 7) / 8));
        _previous = new byte[stride];
        _current = new byte[stride];
        int firstIdat = ReadChunks(data, length);
        _inflater = new ZLibStream(new PngIdatStream(data, length, firstIdat), CompressionMode.Decompress);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Opens <paramref name="data"/> when it is a PNG this reader handles (not interlaced); null otherwise.</summary>
    public static PngRowReader? TryOpen(byte* data, int length) =>
        ReadHeader(data, length) is { } header ? new PngRowReader(data, length, header) : null;

    /// <summary>True when <paramref name="data"/> is a PNG this reader handles: not interlaced, a valid depth.</summary>
    public static bool CanRead(byte* data, int length) => ReadHeader(data, length) is not null;

    private static Header? ReadHeader(byte* data, int length)
    {
        if (length < 33 || !Is(data, 12, "IHDR"u8))
            return null;
        var header = new Header(ReadInt(data, 16), ReadInt(data, 20), data[24], data[25], data[28]);
        bool validDepth = header.ColourType switch
        {
            0 => header.BitDepth is 1 or 2 or 4 or 8 or 16,
            3 => header.BitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => header.BitDepth is 8 or 16,
            _ => false,
        };
        return header.Interlace == 0 && validDepth && header.Width > 0 && header.Height > 0 ? header : null;
    }

    /// <summary>Inflates, unfilters and converts the next row into <paramref name="rgb"/> (Width × 3 bytes).</summary>
    public void ReadRow(Span<byte> rgb)
    {
        (_previous, _current) = (_current, _previous);
        Span<byte> filter = stackalloc byte[1];
        if (_inflater.ReadAtLeast(filter, 1, throwOnEndOfStream: false) < 1
            || _inflater.ReadAtLeast(_current, _current.Length, throwOnEndOfStream: false) < _current.Length)
            throw new ImageDecodeException(ImageErrorKind.Corrupt,
                "The PNG data ends early: the file is truncated (for example an interrupted download).");
        Unfilter(filter[0], _current, _previous, _bytesPerPixel);
        ToRgb(_current, rgb);
    }

    private static void Unfilter(byte type, Span<byte> row, ReadOnlySpan<byte> above, int bpp)
    {
        switch (type)
        {
            case 0:
                return;
            case 1:
                for (int i = bpp; i < row.Length; i++)
                    row[i] += row[i - bpp];
                return;
            case 2:
                for (int i = 0; i < row.Length; i++)
                    row[i] += above[i];
                return;
            case 3:
                for (int i = 0; i < row.Length; i++)
                    row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + above[i]) >> 1);
                return;
            case 4:
                for (int i = 0; i < row.Length; i++)
                    row[i] += Paeth(i >= bpp ? row[i - bpp] : (byte)0, above[i], i >= bpp ? above[i - bpp] : (byte)0);
                return;
            default:
                throw new ImageDecodeException(ImageErrorKind.Corrupt, "The PNG data is damaged and could not be decoded.");
        }
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private void ToRgb(ReadOnlySpan<byte> row, Span<byte> rgb)
    {
        int width = Width;
        int step = _bitDepth == 16 ? 2 : 1;
        switch (_colourType)
        {
            case 2 or 6:
                int pixel = (_colourType == 2 ? 3 : 4) * step;
                for (int x = 0, s = 0, d = 0; x < width; x++, s += pixel, d += 3)
                {
                    rgb[d] = row[s];
                    rgb[d + 1] = row[s + step];
                    rgb[d + 2] = row[s + 2 * step];
                }
                return;
            case 4 or 0 when _bitDepth >= 8:
                int gray = (_colourType == 4 ? 2 : 1) * step;
                for (int x = 0, s = 0, d = 0; x < width; x++, s += gray, d += 3)
                    rgb[d] = rgb[d + 1] = rgb[d + 2] = row[s];
                return;
            case 0:
                int max = (1 << _bitDepth) - 1;
                for (int x = 0; x < width; x++)
                    rgb[x * 3] = rgb[x * 3 + 1] = rgb[x * 3 + 2] = (byte)(Sample(row, x) * 255 / max);
                return;
            default:
                for (int x = 0; x < width; x++)
                {
                    int entry = (_bitDepth == 8 ? row[x] : Sample(row, x)) * 3;
                    rgb[x * 3] = _palette[entry];
                    rgb[x * 3 + 1] = _palette[entry + 1];
                    rgb[x * 3 + 2] = _palette[entry + 2];
                }
                return;
        }
    }

    /// <summary>The <paramref name="x"/>th sample of a row packed at 1, 2 or 4 bits, most significant bits first.</summary>
    private int Sample(ReadOnlySpan<byte> row, int x)
    {
        int bit = x * _bitDepth;
        return (row[bit >> 3] >> (8 - _bitDepth - (bit & 7))) & ((1 << _bitDepth) - 1);
    }

    /// <summary>Reads PLTE and returns the offset of the first IDAT chunk (-1 when there is none).</summary>
    private int ReadChunks(byte* data, int length)
    {
        for (int at = 8; at + 8 <= length;)
        {
            int size = ReadInt(data, at);
            if (size < 0 || (long)at + 12 + size > length)
                break;
            if (Is(data, at + 4, "PLTE"u8))
                new ReadOnlySpan<byte>(data + at + 8, Math.Min(size, _palette.Length)).CopyTo(_palette);
            else if (Is(data, at + 4, "IDAT"u8))
                return at;
            at += 12 + size;
        }
        return -1;
    }

    private static bool Is(byte* data, int at, ReadOnlySpan<byte> type) => new ReadOnlySpan<byte>(data + at, 4).SequenceEqual(type);

    private static int ReadInt(byte* data, int at) => (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];

    public void Dispose() => _inflater.Dispose();

    private readonly record struct Header(int Width, int Height, int BitDepth, int ColourType, int Interlace);
}
