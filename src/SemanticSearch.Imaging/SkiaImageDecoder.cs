using System.Globalization;
using System.Runtime.InteropServices;
using SemanticSearch.Core.Imaging;
using SkiaSharp;

namespace SemanticSearch.Imaging;

/// <summary>
/// Decodes JPEG, PNG (palette, grayscale, 16-bit, alpha), GIF (first frame), WebP and BMP with Skia.
/// Limits are checked from the header before any pixel is decoded; EXIF orientation is applied; alpha is
/// dropped like PIL's <c>convert("RGB")</c>; JPEGs are decoded at a reduced DCT scale (1/2, 1/4, 1/8) when the caller
/// only needs a minimum short side. Immutable, so one instance serves any number of threads.
/// </summary>
/// <remarks>
/// Truncated files are rejected as <see cref="ImageErrorKind.Corrupt"/>, even though Skia can return the rows it
/// got (the rest filled in): PIL refuses them by default, and embedding half a grey picture would put a wrong
/// result in the index without anyone noticing.
/// </remarks>
public sealed class SkiaImageDecoder : IImageDecoder
{
    /// <summary>Default for <see cref="DctScaleMargin"/>.</summary>
    public const double DefaultDctScaleMargin = 2.0;

    /// <summary>Creates a decoder.</summary>
    /// <param name="dctScaleMargin">
    /// How much larger than the requested minimum short side a DCT-scaled JPEG decode must stay (at least 1).
    /// The DCT shortcut is a cruder filter than PIL's bicubic, so leaving the last 2× of the reduction to the
    /// bicubic resampler keeps CLIP tensors close to PIL's (measured over ~130 scaled decodes of real photos:
    /// mean |Δ| 0.005 on average, 0.015 at worst; at 1× 0.023 on average and up to 0.07). A 12-megapixel photo is
    /// then decoded at 1/4 instead of 1/8, about 20% more decode time.
    /// </param>
    /// <param name="reduceAbovePixels">
    /// Images without DCT scaling (PNG, BMP) above this many pixels are decoded row by row and box-reduced by an
    /// integer factor as they stream past, keeping both sides at least <paramref name="dctScaleMargin"/> × the requested
    /// minimum short side; the bicubic resampler does the rest. Below it they are decoded at full size, which matches
    /// PIL exactly and costs at most 7 bytes a pixel (28 MB at the default of 4 megapixels).
    /// </param>
    public SkiaImageDecoder(double dctScaleMargin = DefaultDctScaleMargin, long reduceAbovePixels = DefaultReduceAbovePixels)
    {
        if (!(dctScaleMargin >= 1.0) || double.IsInfinity(dctScaleMargin))
            throw new ArgumentOutOfRangeException(nameof(dctScaleMargin), dctScaleMargin, "Must be a finite number of at least 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(reduceAbovePixels);
        DctScaleMargin = dctScaleMargin;
        ReduceAbovePixels = reduceAbovePixels;
    }

    /// <summary>Default for <see cref="ReduceAbovePixels"/>.</summary>
    public const long DefaultReduceAbovePixels = 4_000_000;

    /// <summary>Factor by which a DCT-scaled JPEG decode stays larger than the requested minimum short side.</summary>
    public double DctScaleMargin { get; }

    /// <summary>Images above this many pixels that cannot be DCT-scaled are decoded row by row and box-reduced.</summary>
    public long ReduceAbovePixels { get; }

    /// <inheritdoc />
    public unsafe long MeasureDecodeMemory(ReadOnlySpan<byte> data, int minShortSide = 0, DecodeLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minShortSide);
        limits ??= DecodeLimits.Default;
        CheckByteSize(data.Length, limits);
        fixed (byte* bytes = data)
        {
            try
            {
                using var codec = Open(bytes, data, out string format);
                var (width, height) = OrientedSize(codec.Info.Width, codec.Info.Height, codec.EncodedOrigin);
                CheckPixelCount(format, width, height, limits);
                return PlanDecode(codec, format, bytes, data.Length, minShortSide).Memory;
            }
            catch (Exception e) when (e is not ImageDecodeException and not OutOfMemoryException)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The image could not be read: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc />
    public unsafe ImageMetadata ReadMetadata(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        CheckByteSize(data.Length, limits);
        fixed (byte* bytes = data)
        {
            try
            {
                using var codec = Open(bytes, data, out string format);
                var (width, height) = OrientedSize(codec.Info.Width, codec.Info.Height, codec.EncodedOrigin);
                CheckPixelCount(format, width, height, limits);
                var exif = ReadExif(bytes, data.Length, format);
                return new ImageMetadata(format, width, height, exif.DateTaken, exif.Camera);
            }
            catch (Exception e) when (e is not ImageDecodeException and not OutOfMemoryException)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The image could not be read: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc />
    public unsafe DecodedImage Decode(ReadOnlySpan<byte> data, int minShortSide = 0, DecodeLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minShortSide);
        limits ??= DecodeLimits.Default;
        CheckByteSize(data.Length, limits);
        fixed (byte* bytes = data)
        {
            try
            {
                using var codec = Open(bytes, data, out string format);
                var info = codec.Info;
                var origin = codec.EncodedOrigin;
                var (width, height) = OrientedSize(info.Width, info.Height, origin);
                CheckPixelCount(format, width, height, limits);

                var plan = PlanDecode(codec, format, bytes, data.Length, minShortSide);
                if (plan.Factor > 1)
                    return DecodeReduced(codec, format, bytes, data.Length, plan.Factor, new ImageMetadata(format, width, height));
                var (size, eighths) = (plan.Size, plan.Eighths);
                // Unpremul keeps the stored colour of translucent pixels; PIL drops alpha without touching RGB.
                // No colour space: like PIL, pixels are taken as stored, ICC profiles are not applied.
                var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888,
                    info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul);

                byte[] rgb;
                void* buffer = NativeMemory.Alloc((nuint)target.BytesSize64);
                try
                {
                    var result = codec.GetPixels(target, (IntPtr)buffer, target.RowBytes, new SKCodecOptions(0));
                    if (result != SKCodecResult.Success)
                        throw DecodeFailure(format, result);
                    (byte, byte, byte)? fill = format == "gif" && GifTransparentColour.TryFind(data, out var colour) ? colour : null;
                    rgb = OrientedRgbWriter.Convert((byte*)buffer, size.Width, size.Height, origin, fill);
                }
                finally
                {
                    NativeMemory.Free(buffer);
                }

                var (outWidth, outHeight) = OrientedSize(size.Width, size.Height, origin);
                double scale = eighths / 8.0;
                var (contentLeft, contentTop) = OrientedPadding(
                    size.Width - info.Width * scale, size.Height - info.Height * scale, origin);
                var exif = ReadExif(bytes, data.Length, format);
                return new DecodedImage(
                    new ImageMetadata(format, width, height, exif.DateTaken, exif.Camera),
                    new RgbImage(outWidth, outHeight, rgb))
                {
                    Scale = scale,
                    ContentLeft = contentLeft,
                    ContentTop = contentTop,
                };
            }
            catch (Exception e) when (e is not ImageDecodeException and not OutOfMemoryException)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The image could not be decoded: {e.Message}", e);
            }
        }
    }

    private static unsafe SKCodec Open(byte* bytes, ReadOnlySpan<byte> data, out string format)
    {
        // Wraps the caller's pinned bytes without copying; the codec never outlives the fixed block.
        using var skData = SKData.Create((IntPtr)bytes, data.Length);
        // The codec takes ownership of the stream, also when it fails to open.
        var codec = SKCodec.Create(new SKMemoryStream(skData), out var result);
        string? signature = ImageSignature.Identify(data);
        if (codec is null)
            throw OpenFailure(data, signature, result);

        format = ImageFormatNames.Of(codec.EncodedFormat);
        if (!ImageSignature.IsSupportedFormatName(format))
        {
            codec.Dispose();
            // Skia also probes weak signatures (WBMP is two zero bytes); unknown data stays "not an image".
            if (signature is null && format == "wbmp")
                throw NotAnImage(data);
            throw Unsupported(signature ?? format);
        }
        return codec;
    }

    private static ImageDecodeException OpenFailure(ReadOnlySpan<byte> data, string? signature, SKCodecResult result)
    {
        if (signature is null)
            return NotAnImage(data);
        if (!ImageSignature.IsSupportedFormatName(signature))
            return Unsupported(signature);
        return result == SKCodecResult.IncompleteInput
            ? new ImageDecodeException(ImageErrorKind.Corrupt,
                $"The {ImageFormatNames.Display(signature)} file ends before its header is complete ({data.Length} bytes): it is truncated.")
            : new ImageDecodeException(ImageErrorKind.Corrupt,
                $"The {ImageFormatNames.Display(signature)} header is damaged and cannot be read ({ImageFormatNames.Describe(result)}).");
    }

    private static ImageDecodeException NotAnImage(ReadOnlySpan<byte> data) =>
        new(ImageErrorKind.NotAnImage, $"Not an image: the data looks like {ImageSignature.DescribeNonImage(data)}.");

    private static ImageDecodeException Unsupported(string format) =>
        new(ImageErrorKind.UnsupportedFormat,
            $"{ImageFormatNames.Display(format)} images are not supported (supported: JPEG, PNG, GIF, WebP, BMP).");

    private static ImageDecodeException DecodeFailure(string format, SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => new(ImageErrorKind.Corrupt,
            $"The {ImageFormatNames.Display(format)} data ends early: the file is truncated (for example an interrupted download)."),
        SKCodecResult.ErrorInInput => new(ImageErrorKind.Corrupt,
            $"The {ImageFormatNames.Display(format)} data is damaged and could not be decoded."),
        _ => new(ImageErrorKind.Corrupt, $"The {ImageFormatNames.Display(format)} image could not be decoded ({ImageFormatNames.Describe(result)})."),
    };

    private static void CheckByteSize(int length, DecodeLimits limits)
    {
        if (length == 0)
            throw new ImageDecodeException(ImageErrorKind.Empty, "The file is empty (0 bytes).");
        if (length > limits.MaxBytes)
            throw new ImageDecodeException(ImageErrorKind.TooLarge, string.Create(CultureInfo.InvariantCulture,
                $"The file is {length / 1048576.0:0.0} MB, above the limit of {limits.MaxBytes / 1048576.0:0.0} MB."));
    }

    private static void CheckPixelCount(string format, int width, int height, DecodeLimits limits)
    {
        long pixels = (long)width * height;
        if (pixels > limits.MaxPixels)
            throw new ImageDecodeException(ImageErrorKind.TooManyPixels, string.Create(CultureInfo.InvariantCulture,
                $"The {ImageFormatNames.Display(format)} header declares {width} × {height} pixels ({pixels / 1e6:0.0} megapixels), " +
                $"above the limit of {limits.MaxPixels / 1e6:0.0} megapixels."));
    }

    /// <summary>
    /// How <see cref="Decode"/> will decode this image, and the bytes it holds at its peak: for a full or DCT-scaled
    /// decode the RGBA buffer plus the RGB result; for a reduced one the reducer, one RGBA copy and the RGB result.
    /// </summary>
    private unsafe DecodePlan PlanDecode(SKCodec codec, string format, byte* bytes, int length, int minShortSide)
    {
        var info = codec.Info;
        if (minShortSide > 0 && format is "png" or "bmp" && (long)info.Width * info.Height > ReduceAbovePixels)
        {
            // Capped so that a block's sums (factor² × 255) fit the reducer's 32-bit sums.
            int factor = (int)Math.Min(4096, Math.Min(info.Width, info.Height) / (minShortSide * DctScaleMargin));
            if (factor > 1 && ReducedDecode.Supports(codec, format, bytes, length))
            {
                long reduced = (long)((info.Width + factor - 1) / factor) * ((info.Height + factor - 1) / factor);
                long memory = BoxReducer.MemoryFor(info.Width, info.Height, factor) + reduced * (4 + 3) + ReducedDecode.RowMemory(info.Width);
                return new DecodePlan(info.Size, 8, factor, memory);
            }
        }
        var (size, eighths) = ChooseDecodeSize(codec, format, minShortSide);
        return new DecodePlan(size, eighths, 1, (long)size.Width * size.Height * (4 + 3));
    }

    private static unsafe DecodedImage DecodeReduced(SKCodec codec, string format, byte* bytes, int length, int factor, ImageMetadata size)
    {
        var origin = codec.EncodedOrigin;
        var reducer = ReducedDecode.Decode(codec, format, bytes, length, factor);
        byte[] rgb;
        void* buffer = NativeMemory.Alloc((nuint)reducer.Width * (nuint)reducer.Height * 4);
        try
        {
            reducer.WriteRgba((byte*)buffer);
            rgb = OrientedRgbWriter.Convert((byte*)buffer, reducer.Width, reducer.Height, origin);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
        var (outWidth, outHeight) = OrientedSize(reducer.Width, reducer.Height, origin);
        double scale = 1.0 / factor;
        var (contentLeft, contentTop) = OrientedPadding(
            reducer.Width - codec.Info.Width * scale, reducer.Height - codec.Info.Height * scale, origin);
        var exif = ReadExif(bytes, length, format);
        return new DecodedImage(
            size with { DateTaken = exif.DateTaken, Camera = exif.Camera },
            new RgbImage(outWidth, outHeight, rgb))
        {
            Scale = scale,
            ContentLeft = contentLeft,
            ContentTop = contentTop,
        };
    }

    private readonly record struct DecodePlan(SKSizeI Size, int Eighths, int Factor, long Memory);

    /// <summary>
    /// For JPEG, the smallest of the 1/8, 1/4 and 1/2 DCT scales whose both sides are still at least
    /// <see cref="DctScaleMargin"/> × <paramref name="minShortSide"/>; libjpeg then skips most of the inverse DCT
    /// and colour work. Other formats decode at full size: their codecs would decode fully and rescale anyway.
    /// </summary>
    private (SKSizeI Size, int Eighths) ChooseDecodeSize(SKCodec codec, string format, int minShortSide)
    {
        var full = codec.Info.Size;
        if (minShortSide <= 0 || format != "jpeg")
            return (full, 8);
        double needed = minShortSide * DctScaleMargin;
        // Only powers of two: libjpeg-turbo's 3/8, 5/8, 6/8 and 7/8 IDCTs measured 2-4x further from PIL.
        foreach (int eighths in (ReadOnlySpan<int>)[1, 2, 4])
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (scaled.Width >= needed && scaled.Height >= needed
                && scaled.Width < full.Width && scaled.Height < full.Height)
                return (scaled, eighths);
        }
        return (full, 8);
    }

    /// <summary>
    /// Where the padding of a rounded-up scaled decode (stored right: <paramref name="right"/>, stored bottom:
    /// <paramref name="bottom"/>) ends up as left/top offsets once the orientation is applied.
    /// </summary>
    private static (double Left, double Top) OrientedPadding(double right, double bottom, SKEncodedOrigin origin) => origin switch
    {
        SKEncodedOrigin.TopRight => (right, 0),
        SKEncodedOrigin.BottomRight => (right, bottom),
        SKEncodedOrigin.BottomLeft => (0, bottom),
        SKEncodedOrigin.LeftTop => (0, 0),
        SKEncodedOrigin.RightTop => (bottom, 0),
        SKEncodedOrigin.RightBottom => (bottom, right),
        SKEncodedOrigin.LeftBottom => (0, right),
        _ => (0, 0),
    };

    private static (int Width, int Height) OrientedSize(int width, int height, SKEncodedOrigin origin) =>
        OrientedRgbWriter.SwapsAxes(origin) ? (height, width) : (width, height);

    private static unsafe ExifSummary ReadExif(byte* bytes, int length, string format)
    {
        // GIF and BMP carry no EXIF; skip parsing them.
        if (format is not ("jpeg" or "png" or "webp"))
            return ExifSummary.None;
        using var stream = new UnmanagedMemoryStream(bytes, length);
        return ExifSummary.Read(stream);
    }
}
