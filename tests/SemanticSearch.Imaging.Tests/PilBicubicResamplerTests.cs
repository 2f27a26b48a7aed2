using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using Xunit.Abstractions;

namespace SemanticSearch.Imaging.Tests;

public sealed class PilBicubicResamplerTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int> PilResizes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var r in ImagingFixtures.Manifest.Resizes)
            data.Add(r.Image, r.Width, r.Height);
        return data;
    }

    [Theory]
    [MemberData(nameof(PilResizes))]
    public void Resize_matches_PIL_bit_for_bit(string image, int width, int height)
    {
        var reference = ImagingFixtures.Manifest.Resizes.Single(r => r.Image == image && r.Width == width && r.Height == height);
        var expected = ImagingFixtures.ReadGzip(reference.Pixels);
        var source = ImagingFixtures.DecodeFull(image);

        var actual = PilBicubicResampler.Resize(source, width, height);

        Assert.Equal(expected.Length, actual.Pixels.Length);
        int differing = 0, maxDiff = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int d = Math.Abs(expected[i] - actual.Pixels[i]);
            if (d != 0)
                differing++;
            maxDiff = Math.Max(maxDiff, d);
        }
        output.WriteLine($"{image} {source.Width}x{source.Height} -> {width}x{height}: {differing} of {expected.Length} samples differ, max {maxDiff}");
        Assert.Equal(0, differing);
    }

    [Theory]
    [InlineData(640, 427, 335, 224, 56, 0, 224, 224)]
    [InlineData(300, 451, 224, 336, 0, 56, 224, 224)]
    [InlineData(160, 120, 299, 224, 38, 0, 224, 224)]
    [InlineData(200, 100, 200, 100, 10, 20, 50, 60)]
    [InlineData(200, 100, 200, 37, 3, 5, 100, 20)]
    [InlineData(200, 100, 31, 100, 4, 7, 20, 80)]
    public void A_region_equals_the_same_window_of_the_full_resize(int w, int h, int outW, int outH, int left, int top, int regionW, int regionH)
    {
        var source = Noise(w, h, seed: w * 7 + h);
        var full = PilBicubicResampler.Resize(source, outW, outH);
        var region = new byte[regionW * regionH * 3];

        PilBicubicResampler.ResizeRegion(source, outW, outH, left, top, regionW, regionH, region);

        for (int y = 0; y < regionH; y++)
        {
            var expectedRow = full.Pixels.AsSpan(((top + y) * outW + left) * 3, regionW * 3);
            Assert.True(expectedRow.SequenceEqual(region.AsSpan(y * regionW * 3, regionW * 3)), $"row {y} differs");
        }
    }

    [Fact]
    public void Same_size_is_an_exact_copy()
    {
        var source = Noise(37, 23, seed: 1);
        var copy = PilBicubicResampler.Resize(source, 37, 23);
        Assert.Equal(source.Pixels, copy.Pixels);
        Assert.NotSame(source.Pixels, copy.Pixels);
    }

    [Fact]
    public void A_flat_image_stays_flat_when_shrunk_or_enlarged()
    {
        var pixels = new byte[90 * 60 * 3];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = 200;
            pixels[i + 1] = 13;
            pixels[i + 2] = 255;
        }
        var flat = new RgbImage(90, 60, pixels);
        foreach (var (w, h) in new[] { (7, 5), (300, 41), (90, 1), (1, 1) })
        {
            var resized = PilBicubicResampler.Resize(flat, w, h);
            for (int i = 0; i < resized.Pixels.Length; i += 3)
                Assert.Equal((200, 13, 255), (resized.Pixels[i], resized.Pixels[i + 1], resized.Pixels[i + 2]));
        }
    }

    [Fact]
    public void Region_outside_the_output_is_rejected()
    {
        var source = Noise(10, 10, seed: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => PilBicubicResampler.ResizeRegion(source, 20, 20, 15, 0, 10, 10, new byte[300]));
        Assert.Throws<ArgumentException>(() => PilBicubicResampler.ResizeRegion(source, 20, 20, 0, 0, 10, 10, new byte[299]));
    }

    internal static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
