namespace SemanticSearch.Imaging;

/// <summary>
/// Shrinks an image by an integer factor while its rows stream past: each output pixel is the mean of a
/// factor × factor block (fewer at the right and bottom edges), like Pillow's <c>Image.reduce</c>. Memory is the
/// reduced image's sums, whatever the source size, and rows may arrive in any order (BMP stores them bottom-up).
/// </summary>
internal sealed class BoxReducer
{
    private readonly uint[] _sums;
    private readonly int _sourceWidth;
    private readonly int _sourceHeight;

    public BoxReducer(int sourceWidth, int sourceHeight, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        _sourceWidth = sourceWidth;
        _sourceHeight = sourceHeight;
        Factor = factor;
        Width = (sourceWidth + factor - 1) / factor;
        Height = (sourceHeight + factor - 1) / factor;
        _sums = new uint[checked(Width * Height * 3)];
    }

    public int Factor { get; }

    /// <summary>Reduced width: the source width divided by the factor, rounded up.</summary>
    public int Width { get; }

    /// <summary>Reduced height: the source height divided by the factor, rounded up.</summary>
    public int Height { get; }

    /// <summary>Bytes this reducer holds (the sums).</summary>
    public static long MemoryFor(int sourceWidth, int sourceHeight, int factor) =>
        (long)((sourceWidth + factor - 1) / factor) * ((sourceHeight + factor - 1) / factor) * 3 * sizeof(uint);

    /// <summary>Adds source row <paramref name="y"/> (packed RGB, or RGBA when <paramref name="pixelBytes"/> is 4).</summary>
    public void AddRow(int y, ReadOnlySpan<byte> row, int pixelBytes = 3)
    {
        var sums = _sums.AsSpan(y / Factor * Width * 3, Width * 3);
        for (int block = 0, x = 0; block < Width; block++)
        {
            uint r = 0, g = 0, b = 0;
            int end = Math.Min(x + Factor, _sourceWidth);
            for (int s = x * pixelBytes; x < end; x++, s += pixelBytes)
            {
                r += row[s];
                g += row[s + 1];
                b += row[s + 2];
            }
            sums[block * 3] += r;
            sums[block * 3 + 1] += g;
            sums[block * 3 + 2] += b;
        }
    }

    /// <summary>Writes the block means as RGBA rows (alpha 255), Width × 4 bytes per row.</summary>
    public unsafe void WriteRgba(byte* destination)
    {
        for (int y = 0; y < Height; y++)
        {
            int rows = Math.Min(Factor, _sourceHeight - y * Factor);
            for (int x = 0; x < Width; x++)
            {
                uint count = (uint)(rows * Math.Min(Factor, _sourceWidth - x * Factor));
                int s = (y * Width + x) * 3;
                byte* d = destination + ((long)y * Width + x) * 4;
                d[0] = (byte)((_sums[s] + count / 2) / count);
                d[1] = (byte)((_sums[s + 1] + count / 2) / count);
                d[2] = (byte)((_sums[s + 2] + count / 2) / count);
                d[3] = 255;
            }
        }
    }
}
