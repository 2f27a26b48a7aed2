using SemanticSearch.Core.Imaging;
using SkiaSharp;

namespace SemanticSearch.Imaging;

/// <summary>
/// Decodes formats without DCT scaling row by row through a <see cref="BoxReducer"/>, so the full-size image is
/// never in memory: PNG with <see cref="PngRowReader"/>, BMP with Skia's scanline decoder. Other formats (GIF, WebP,
/// interlaced PNG) have no row-by-row decode here and are decoded at full size.
/// </summary>
internal static unsafe class ReducedDecode
{
    /// <summary>True when <paramref name="codec"/>'s image can be decoded row by row.</summary>
    public static bool Supports(SKCodec codec, string format, byte* data, int length) => format switch
    {
        "png" => PngRowReader.CanRead(data, length),
        "bmp" => codec.StartScanlineDecode(RowInfo(codec)) == SKCodecResult.Success,
        _ => false,
    };

    /// <summary>Bytes held while decoding besides the reducer: the row buffers.</summary>
    public static long RowMemory(int width) => (long)width * (4 + 8 + 8) + 64 * 1024;

    /// <summary>Decodes every row into a reducer of <paramref name="factor"/>.</summary>
    public static BoxReducer Decode(SKCodec codec, string format, byte* data, int length, int factor)
    {
        var info = codec.Info;
        var reducer = new BoxReducer(info.Width, info.Height, factor);
        if (format == "png")
        {
            using var reader = PngRowReader.TryOpen(data, length)
                ?? throw new InvalidOperationException("The PNG cannot be read row by row.");
            var row = new byte[info.Width * 3];
            for (int y = 0; y < info.Height; y++)
            {
                reader.ReadRow(row);
                reducer.AddRow(y, row);
            }
            return reducer;
        }

        var rowInfo = RowInfo(codec);
        var result = codec.StartScanlineDecode(rowInfo);
        if (result != SKCodecResult.Success)
            throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The {format.ToUpperInvariant()} image could not be decoded ({result}).");
        var rgba = new byte[rowInfo.RowBytes];
        fixed (byte* buffer = rgba)
        {
            for (int i = 0; i < info.Height; i++)
            {
                if (codec.GetScanlines((IntPtr)buffer, 1, rowInfo.RowBytes) != 1)
                    throw new ImageDecodeException(ImageErrorKind.Corrupt,
                        $"The {format.ToUpperInvariant()} data ends early: the file is truncated (for example an interrupted download).");
                reducer.AddRow(codec.GetOutputScanline(i), rgba, pixelBytes: 4);
            }
        }
        return reducer;
    }

    private static SKImageInfo RowInfo(SKCodec codec) => new(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888,
        codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
}
