using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Imaging;

/// <summary>
/// Fixed-point filter weights for one axis of a bicubic or bilinear resize, computed the way Pillow does
/// (support widened by the downscale factor, weights normalised per output pixel, then rounded
/// to <see cref="PrecisionBits"/> fractional bits) so that the integer sums match PIL bit for bit.
/// Only the output positions [<c>first</c>, <c>first + count</c>) are computed.
/// </summary>
internal sealed class ResampleCoefficients
{
    /// <summary>Pillow's PRECISION_BITS for 8-bit images: 32 - 8 - 2.</summary>
    public const int PrecisionBits = 32 - 8 - 2;


    private ResampleCoefficients(int count, int kernelSize, int[] starts, int[] lengths, int[] weights)
    {
        Count = count;
        KernelSize = kernelSize;
        Starts = starts;
        Lengths = lengths;
        Weights = weights;
    }

    /// <summary>Number of output positions described.</summary>
    public int Count { get; }

    /// <summary>Stride of <see cref="Weights"/> per output position.</summary>
    public int KernelSize { get; }

    /// <summary>First source index read by each output position.</summary>
    public int[] Starts { get; }

    /// <summary>Number of source indices read by each output position.</summary>
    public int[] Lengths { get; }

    /// <summary>Weights, <see cref="KernelSize"/> per output position, scaled by 2^<see cref="PrecisionBits"/>.</summary>
    public int[] Weights { get; }

    /// <summary>Source index one past the last one any output position reads.</summary>
    public int End => Starts[Count - 1] + Lengths[Count - 1];

    /// <summary>
    /// Computes weights for output positions <paramref name="first"/>.. of an <paramref name="inSize"/> → <paramref name="outSize"/>
    /// resize whose output spans source coordinates [<paramref name="boxStart"/>, <paramref name="boxEnd"/>]
    /// (Pillow's <c>box</c>; normally [0, <paramref name="inSize"/>]), with Pillow's <paramref name="filter"/>.
    /// </summary>
    public static ResampleCoefficients Compute(int inSize, int outSize, int first, int count, double boxStart, double boxEnd,
        ImageInterpolation filter = ImageInterpolation.Bicubic)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (first < 0 || first + count > outSize)
            throw new ArgumentOutOfRangeException(nameof(first), "The output window lies outside the output size.");

        // Same arithmetic and evaluation order as Pillow's precompute_coeffs (doubles throughout),
        // because the rounded integer weights depend on the last bits of these values.
        if (!(boxStart >= 0 && boxEnd > boxStart && boxEnd <= inSize + 1.0))
            throw new ArgumentOutOfRangeException(nameof(boxEnd), "The source box must lie within the source.");
        double scale = (boxEnd - boxStart) / outSize;
        double filterScale = scale < 1.0 ? 1.0 : scale;
        // Support radius in source pixels at scale 1: Pillow's 2 for bicubic, 1 for bilinear.
        double support = (filter == ImageInterpolation.Bilinear ? 1.0 : 2.0) * filterScale;
        int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
        double inverseFilterScale = 1.0 / filterScale;

        var starts = new int[count];
        var lengths = new int[count];
        var weights = new int[count * kernelSize];
        Span<double> k = kernelSize <= 512 ? stackalloc double[kernelSize] : new double[kernelSize];

        for (int i = 0; i < count; i++)
        {
            int xx = first + i;
            double center = boxStart + (xx + 0.5) * scale;
            // (int) truncates toward zero like C's cast; negative values are clamped right after.
            int xmin = (int)(center - support + 0.5);
            if (xmin < 0)
                xmin = 0;
            int xmax = (int)(center + support + 0.5);
            if (xmax > inSize)
                xmax = inSize;
            xmax -= xmin;

            double sum = 0.0;
            for (int x = 0; x < xmax; x++)
            {
                double at = (x + xmin - center + 0.5) * inverseFilterScale;
                double w = filter == ImageInterpolation.Bilinear ? Bilinear(at) : Bicubic(at);
                k[x] = w;
                sum += w;
            }

            int row = i * kernelSize;
            for (int x = 0; x < xmax; x++)
            {
                double normalised = sum != 0.0 ? k[x] / sum : k[x];
                weights[row + x] = normalised < 0
                    ? (int)(-0.5 + normalised * (1 << PrecisionBits))
                    : (int)(0.5 + normalised * (1 << PrecisionBits));
            }

            starts[i] = xmin;
            lengths[i] = xmax;
        }

        return new ResampleCoefficients(count, kernelSize, starts, lengths, weights);
    }

    /// <summary>The triangle kernel of PIL's BILINEAR filter.</summary>
    private static double Bilinear(double x)
    {
        if (x < 0.0)
            x = -x;
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    /// <summary>Keys' cubic convolution kernel with a = -0.5 (Catmull-Rom), as PIL's BICUBIC filter.</summary>
    private static double Bicubic(double x)
    {
        const double a = -0.5;
        if (x < 0.0)
            x = -x;
        if (x < 1.0)
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0)
            return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }
}
