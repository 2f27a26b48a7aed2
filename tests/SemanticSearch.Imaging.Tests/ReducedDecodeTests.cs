using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using SemanticSearch.Tests.Shared;
using Xunit.Abstractions;

namespace SemanticSearch.Imaging.Tests;

/// <summary>
/// PNG and BMP cannot be DCT-scaled; large ones are decoded row by row through a box reduction (finding 2 of the
/// "Safe to expose" issue: a 12000 × 8000 PNG upload used to cost 672 MB). Units of tensor differences are normalised
/// values: one 8-bit level is about 0.0146.
/// </summary>
public sealed class ReducedDecodeTests(ITestOutputHelper output)
{
    /// <summary>Reduces every PNG and BMP it can, even small fixtures, so each colour type takes the row-by-row path.</summary>
    private static readonly SkiaImageDecoder Reducing = new(reduceAbovePixels: 0);

    private static readonly SkiaImageDecoder FullSize = new();

    [Fact]
    public void A_96_megapixel_png_is_decoded_row_by_row_into_a_few_megabytes()
    {
        var png = LargePng.Create(12_000, 8_000, Blocks);
        var decoder = new SkiaImageDecoder();

        long measured = decoder.MeasureDecodeMemory(png, minShortSide: 224);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = decoder.Decode(png, minShortSide: 224);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"measured {measured / 1e6:0.0} MB, allocated {allocated / 1e6:0.0} MB, decoded {decoded.Pixels.Width} x {decoded.Pixels.Height}");
        Assert.Equal((12_000, 8_000), (decoded.Metadata.Width, decoded.Metadata.Height));
        Assert.Equal(1.0 / 17, decoded.Scale); // 8000 / 17 = 470.6: still at least 2 × 224
        Assert.Equal((706, 471), (decoded.Pixels.Width, decoded.Pixels.Height));
        Assert.InRange(measured, 1_000_000, 32_000_000);
        Assert.InRange(allocated, 0, 32_000_000); // a full decode allocates its 288 MB RGB copy alone
        // Pure blocks keep their colour: the block at (0, 0) is red, the one to its right blue.
        Assert.Equal((byte)255, decoded.Pixels.Pixels[0]);
        int right = (10 * decoded.Pixels.Width + 100) * 3;
        Assert.Equal(((byte)0, (byte)0, (byte)255), (decoded.Pixels.Pixels[right], decoded.Pixels.Pixels[right + 1], decoded.Pixels.Pixels[right + 2]));
    }

    [Fact]
    public void Small_pngs_are_still_decoded_at_full_size_for_exact_PIL_parity()
    {
        var png = LargePng.Create(1_500, 1_000);

        var decoded = FullSize.Decode(png, minShortSide: 224);

        Assert.Equal(1.0, decoded.Scale);
        Assert.Equal((1_500, 1_000), (decoded.Pixels.Width, decoded.Pixels.Height));
    }

    /// <summary>(fixture, size, factor): the reduced tensor against the full-size decode's (itself PIL-exact).</summary>
    public static TheoryData<string, int, int> Fixtures() => new()
    {
        { "camera-gray.png", 64, 2 },      // 8-bit gray
        { "coffee-palette.png", 32, 3 },   // palette
        { "astronaut-alpha.png", 32, 4 },  // RGBA
        { "chelsea-rgb16.png", 24, 2 },    // 16-bit RGB
        { "ramp-gray16.png", 16, 2 },      // 16-bit gray
        { "chelsea.bmp", 24, 2 },          // BMP, rows stored bottom-up
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_reduced_decode_gives_nearly_the_tensor_of_a_full_size_decode(string file, int size, int factor)
    {
        var bytes = ImagingFixtures.PhotoBytes(file);
        var spec = ImagingFixtures.Spec(size);

        var reduced = Reducing.Decode(bytes, minShortSide: size);
        var (meanAbs, maxAbs) = Difference(Tensor(reduced, spec), Tensor(FullSize.Decode(bytes), spec));

        output.WriteLine($"{file} @ {size}, 1/{factor}: mean |Δ| = {meanAbs:F5}, max |Δ| = {maxAbs:F4}");
        Assert.Equal(1.0 / factor, reduced.Scale);
        Assert.True(meanAbs <= 0.02, $"mean |Δ| {meanAbs:F5}");
        Assert.True(maxAbs <= 0.5, $"max |Δ| {maxAbs:F4}");
    }

    [Fact]
    public void A_reduced_large_png_gives_nearly_the_tensor_of_a_full_size_decode()
    {
        var png = LargePng.Create(3_000, 2_000, Texture);
        var spec = PreprocessSpec.Clip;

        var reduced = FullSize.Decode(png, minShortSide: spec.Size);
        var (meanAbs, maxAbs) = Difference(Tensor(reduced, spec), Tensor(FullSize.Decode(png), spec));

        output.WriteLine($"3000 x 2000 @ 224, scale {reduced.Scale}: mean |Δ| = {meanAbs:F5}, max |Δ| = {maxAbs:F4}");
        Assert.Equal(0.25, reduced.Scale);
        Assert.True(meanAbs <= 0.02, $"mean |Δ| {meanAbs:F5}");
    }

    [Fact]
    public void A_truncated_large_png_is_corrupt_with_a_reason()
    {
        var png = LargePng.Create(3_000, 2_000, Texture);

        var error = Assert.Throws<ImageDecodeException>(() => FullSize.Decode(png[..(png.Length / 2)], minShortSide: 224));

        Assert.Equal(ImageErrorKind.Corrupt, error.Kind);
        Assert.Contains("PNG", error.Message);
    }

    private static (byte, byte, byte) Blocks(int x, int y) => (x / 1000 + y / 1000) % 2 == 0 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255);

    private static (byte, byte, byte) Texture(int x, int y) =>
        ((byte)(128 + 100 * Math.Sin(x / 37.0)), (byte)(128 + 100 * Math.Cos(y / 23.0)), (byte)((x * 7 + y * 13) % 256));

    private static float[] Tensor(DecodedImage image, PreprocessSpec spec)
    {
        var tensor = new float[spec.TensorLength];
        ((IImagePreprocessor)new ClipImagePreprocessor()).ToTensor(image, spec, tensor);
        return tensor;
    }

    private static (double MeanAbs, double MaxAbs) Difference(float[] a, float[] b)
    {
        double sum = 0, max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs(a[i] - b[i]);
            sum += d;
            max = Math.Max(max, d);
        }
        return (sum / a.Length, max);
    }
}
