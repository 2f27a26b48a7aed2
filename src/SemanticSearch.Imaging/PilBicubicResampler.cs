using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Imaging;

/// <summary>
/// Resizes 8-bit RGB exactly like Pillow's <c>Image.resize(size, Image.BICUBIC)</c> (or <c>BILINEAR</c> where asked): separable convolution,
/// horizontal pass first, antialiasing when shrinking (support scaled by the factor), 22-bit fixed-point
/// weights with rounding and clipping to 0..255 after each pass. CLIP was trained on PIL's output, so the
/// embeddings are only faithful when the pixels match PIL's, not merely look alike.
/// </summary>
public static class PilBicubicResampler
{
    private const int Channels = 3;

    /// <summary>Returns <paramref name="source"/> resized to <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static RgbImage Resize(RgbImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        var pixels = new byte[checked(width * height * Channels)];
        ResizeRegion(source, width, height, 0, 0, width, height, pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// Writes the window at (<paramref name="left"/>, <paramref name="top"/>) of size
    /// <paramref name="regionWidth"/> × <paramref name="regionHeight"/> of the image that
    /// <see cref="Resize"/> would return, without computing the rest (a resize followed by a centre crop
    /// only pays for the crop). Each output pixel is identical to the full resize's.
    /// </summary>
    /// <param name="source">Image to resize.</param>
    /// <param name="width">Width of the full resized image.</param>
    /// <param name="height">Height of the full resized image.</param>
    /// <param name="left">First column of the window in the resized image.</param>
    /// <param name="top">First row of the window in the resized image.</param>
    /// <param name="regionWidth">Window width.</param>
    /// <param name="regionHeight">Window height.</param>
    /// <param name="destination">Interleaved RGB, stride regionWidth × 3.</param>
    public static void ResizeRegion(
        RgbImage source, int width, int height,
        int left, int top, int regionWidth, int regionHeight,
        Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ResizeRegion(source, 0, 0, source.Width, source.Height, width, height, left, top, regionWidth, regionHeight, destination);
    }

    /// <summary>
    /// As <see cref="ResizeRegion(RgbImage, int, int, int, int, int, int, Span{byte})"/>, but the resized image covers
    /// the source rectangle [<paramref name="boxLeft"/>, <paramref name="boxRight"/>] × [<paramref name="boxTop"/>,
    /// <paramref name="boxBottom"/>] (Pillow's <c>box</c> argument) instead of the whole source. A JPEG decoded at
    /// 1/4 scale is ceil(w / 4) wide while its content spans w / 4 pixels; passing that box keeps the geometry of
    /// the full-size image.
    /// </summary>
    /// <param name="source">Image to resize.</param>
    /// <param name="boxLeft">Left edge of the source box, in source pixels.</param>
    /// <param name="boxTop">Top edge of the source box, in source pixels.</param>
    /// <param name="boxRight">Right edge of the source box (at most the source width plus one).</param>
    /// <param name="boxBottom">Bottom edge of the source box (at most the source height plus one).</param>
    /// <param name="width">Width of the full resized image.</param>
    /// <param name="height">Height of the full resized image.</param>
    /// <param name="left">First column of the window in the resized image.</param>
    /// <param name="top">First row of the window in the resized image.</param>
    /// <param name="regionWidth">Window width.</param>
    /// <param name="regionHeight">Window height.</param>
    /// <param name="destination">Interleaved RGB, stride regionWidth × 3.</param>
    /// <param name="filter">Pillow's filter: bicubic (default) or bilinear.</param>
    public static void ResizeRegion(
        RgbImage source, double boxLeft, double boxTop, double boxRight, double boxBottom, int width, int height,
        int left, int top, int regionWidth, int regionHeight,
        Span<byte> destination, ImageInterpolation filter = ImageInterpolation.Bicubic)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(regionWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(regionHeight);
        if (left < 0 || top < 0 || left + regionWidth > width || top + regionHeight > height)
            throw new ArgumentOutOfRangeException(nameof(left), "The region lies outside the resized image.");
        int outStride = regionWidth * Channels;
        if (destination.Length < outStride * regionHeight)
            throw new ArgumentException("Destination is smaller than the region.", nameof(destination));

        if (!(boxLeft >= 0 && boxRight > boxLeft && boxRight <= source.Width + 1.0)
            || !(boxTop >= 0 && boxBottom > boxTop && boxBottom <= source.Height + 1.0))
            throw new ArgumentOutOfRangeException(nameof(boxLeft), "The source box must lie within the source image.");

        // Like Pillow, a pass that maps the source onto itself is skipped (it would be the identity anyway).
        bool horizontal = width != source.Width || boxLeft != 0 || boxRight != source.Width;
        bool vertical = height != source.Height || boxTop != 0 || boxBottom != source.Height;

        ResampleCoefficients? rows = vertical
            ? ResampleCoefficients.Compute(source.Height, height, top, regionHeight, boxTop, boxBottom, filter)
            : null;
        int firstRow = rows is null ? top : rows.Starts[0];
        int lastRow = rows is null ? top + regionHeight : rows.End;
        int tempRows = lastRow - firstRow;

        if (!horizontal && !vertical)
        {
            CopyRegion(source.Pixels, source.Width * Channels, left, top, regionWidth, regionHeight, destination);
            return;
        }

        if (!horizontal)
        {
            // Only the vertical pass; read the source columns of the region directly.
            ResamplePasses.Vertical(source.Pixels.AsSpan(firstRow * source.Width * Channels), source.Width * Channels, left * Channels,
                rows!, firstRow, regionWidth, regionHeight, destination);
            return;
        }

        var columns = ResampleCoefficients.Compute(source.Width, width, left, regionWidth, boxLeft, boxRight, filter);
        if (!vertical)
        {
            ResamplePasses.Horizontal(source.Pixels, source.Width * Channels, firstRow, tempRows, columns, destination);
            return;
        }

        byte[] temp = System.Buffers.ArrayPool<byte>.Shared.Rent(tempRows * outStride);
        try
        {
            ResamplePasses.Horizontal(source.Pixels, source.Width * Channels, firstRow, tempRows, columns, temp);
            ResamplePasses.Vertical(temp.AsSpan(0, tempRows * outStride), outStride, 0, rows!, firstRow, regionWidth, regionHeight, destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(temp);
        }
    }

    private static void CopyRegion(byte[] pixels, int stride, int left, int top, int regionWidth, int regionHeight, Span<byte> destination)
    {
        int rowBytes = regionWidth * Channels;
        for (int y = 0; y < regionHeight; y++)
            pixels.AsSpan((top + y) * stride + left * Channels, rowBytes).CopyTo(destination.Slice(y * rowBytes, rowBytes));
    }
}
