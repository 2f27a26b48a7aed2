using System.Buffers;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Imaging;

/// <summary>
/// CLIP-style image transforms as torchvision computes them on PIL images: by default OpenAI CLIP's
/// (<c>clip/clip.py</c> <c>_transform</c>: bicubic resize of the shortest side to <see cref="PreprocessSpec.Size"/>,
/// centre crop to a square), or, as the spec says, a squash straight to the square and/or PIL's bilinear filter
/// (SigLIP); PIL semantics, antialiased when shrinking; then scale to [0, 1], normalise per channel, CHW float32.
/// The image is converted to RGB before resizing (as Hugging Face's CLIP processor does); only the
/// cropped window of the resize is computed.
/// </summary>
public sealed class ClipImagePreprocessor : IImagePreprocessor
{
    private readonly IImageDecoder _decoder;

    /// <summary>Creates a preprocessor that decodes with <paramref name="decoder"/> in <see cref="ToTensor(ReadOnlySpan{byte}, PreprocessSpec, Span{float}, DecodeLimits?)"/>.</summary>
    public ClipImagePreprocessor(IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoder = decoder;
    }

    /// <summary>Creates a preprocessor with its own <see cref="SkiaImageDecoder"/>.</summary>
    public ClipImagePreprocessor()
        : this(new SkiaImageDecoder())
    {
    }

    /// <inheritdoc />
    public void ToTensor(RgbImage image, PreprocessSpec spec, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ToTensor(image, image.Width, image.Height, 0, 0, image.Width, image.Height, spec, destination);
    }

    /// <inheritdoc />
    public void ToTensor(DecodedImage image, PreprocessSpec spec, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var pixels = image.Pixels;
        var metadata = image.Metadata;
        if (image.Scale == 1.0 || metadata.Width <= 0 || metadata.Height <= 0)
        {
            ToTensor(pixels, spec, destination);
            return;
        }
        // A reduced-scale decode: size and crop come from the original dimensions, and the content spans
        // original × scale pixels of the (rounded-up) decoded grid, exactly as a full-size decode would map.
        double left = image.ContentLeft, top = image.ContentTop;
        double right = Math.Min(left + metadata.Width * image.Scale, pixels.Width);
        double bottom = Math.Min(top + metadata.Height * image.Scale, pixels.Height);
        ToTensor(pixels, metadata.Width, metadata.Height, left, top, right, bottom, spec, destination);
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/> (at a reduced JPEG scale when that still covers <see cref="PreprocessSpec.Size"/>)
    /// and writes its tensor. Returns the image's metadata. Bad input throws <see cref="ImageDecodeException"/>.
    /// </summary>
    public ImageMetadata ToTensor(ReadOnlySpan<byte> encoded, PreprocessSpec spec, Span<float> destination, DecodeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var decoded = _decoder.Decode(encoded, spec.Size, limits);
        ToTensor(decoded, spec, destination);
        return decoded.Metadata;
    }

    private static void ToTensor(
        RgbImage pixels, int originalWidth, int originalHeight,
        double boxLeft, double boxTop, double boxRight, double boxBottom,
        PreprocessSpec spec, Span<float> destination)
    {
        Validate(spec, destination);
        int size = spec.Size;
        // A squash resizes straight to the square, so there is nothing to crop.
        var squash = spec.ResizeMode == ImageResizeMode.Squash;
        var (width, height) = squash ? (size, size) : ResizedSize(originalWidth, originalHeight, size);
        var (left, top) = squash ? (0, 0) : CropOffset(width, height, size);

        int pixelCount = size * size;
        byte[] rgb = ArrayPool<byte>.Shared.Rent(pixelCount * 3);
        try
        {
            PilBicubicResampler.ResizeRegion(pixels, boxLeft, boxTop, boxRight, boxBottom, width, height, left, top, size, size, rgb, spec.Interpolation);
            Normalise(rgb.AsSpan(0, pixelCount * 3), spec, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgb);
        }
    }

    /// <summary>
    /// torchvision's Resize(int) size for a PIL image: the short side becomes <paramref name="size"/>,
    /// the long side <c>int(size * long / short)</c> (truncated, not rounded).
    /// </summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (width <= height)
            return (size, (int)((double)size * height / width));
        return ((int)((double)size * width / height), size);
    }

    /// <summary>torchvision's centre-crop offsets: <c>int(round((side - size) / 2.0))</c> with Python's round-half-to-even.</summary>
    public static (int Left, int Top) CropOffset(int width, int height, int size) =>
        ((int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven),
         (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven));

    private static void Normalise(ReadOnlySpan<byte> rgb, PreprocessSpec spec, Span<float> destination)
    {
        int plane = spec.Size * spec.Size;
        // 256 possible values per channel: a table gives the same float32 results as ToTensor + Normalize
        // ((v / 255f - mean) / std, all in float32) without per-pixel divisions.
        Span<float> table = stackalloc float[3 * 256];
        for (int c = 0; c < 3; c++)
        {
            float mean = spec.Mean[c];
            float std = spec.Std[c];
            for (int v = 0; v < 256; v++)
                table[c * 256 + v] = (v / 255f - mean) / std;
        }

        Span<float> r = destination[..plane];
        Span<float> g = destination.Slice(plane, plane);
        Span<float> b = destination.Slice(2 * plane, plane);
        ReadOnlySpan<float> rt = table[..256], gt = table.Slice(256, 256), bt = table.Slice(512, 256);
        for (int i = 0, p = 0; i < plane; i++, p += 3)
        {
            r[i] = rt[rgb[p]];
            g[i] = gt[rgb[p + 1]];
            b[i] = bt[rgb[p + 2]];
        }
    }

    private static void Validate(PreprocessSpec spec, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spec.Size);
        if (spec.Mean is not { Length: 3 } || spec.Std is not { Length: 3 })
            throw new ArgumentException("Mean and Std must have exactly 3 values (R, G, B).", nameof(spec));
        if (Array.Exists(spec.Std, s => s == 0f || !float.IsFinite(s)))
            throw new ArgumentException("Std values must be finite and non-zero.", nameof(spec));
        if (!Enum.IsDefined(spec.ResizeMode) || !Enum.IsDefined(spec.Interpolation))
            throw new ArgumentException("Unknown resize mode or interpolation.", nameof(spec));
        if (destination.Length < spec.TensorLength)
            throw new ArgumentException($"Destination holds {destination.Length} floats, {spec.TensorLength} needed.", nameof(destination));
    }
}
