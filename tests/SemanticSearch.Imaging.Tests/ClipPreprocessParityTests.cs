using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using Xunit.Abstractions;

namespace SemanticSearch.Imaging.Tests;

/// <summary>
/// Our bytes → tensor path against PIL's (tools/preprocess/make_reference.py). Lossless formats and full-size JPEG
/// decodes (Skia and PIL both use libjpeg-turbo with the same settings) must match exactly. Large JPEGs are decoded
/// at a 1/2, 1/4 or 1/8 DCT scale here while PIL decodes them fully; those stay within the 0.02 mean.
/// Units are normalised tensor values: one 8-bit level is about 0.0146.
/// </summary>
public sealed class ClipPreprocessParityTests(ITestOutputHelper output)
{
    private const double Exact = 1e-6;
    private static readonly ClipImagePreprocessor Preprocessor = new(new SkiaImageDecoder());

    /// <summary>(fixture, size, largest mean |Δ|, largest max |Δ|), with the figures measured when this was written.</summary>
    public static TheoryData<string, int, double, double> Fixtures() => new()
    {
        { "coffee-3000x2000.jpg", 224, 0.02, 0.25 },  // 1/4 DCT scale; measured 0.0041 / 0.073
        { "coffee-3000x2000.jpg", 96, 0.02, 0.25 },   // 1/8; measured 0.0044 / 0.060
        { "rocket.jpg", 96, 0.02, 0.25 },             // 1/2, camera JPEG; measured 0.0047 / 0.131
        { "astronaut.jpg", 96, 0.02, 0.25 },          // 1/2; measured 0.0055 / 0.088
        { "coffee-exif.jpg", 96, 0.02, 0.25 },        // 1/2; measured 0.0068 / 0.131
        { "chelsea-orientation3.jpg", 64, 0.02, 0.25 }, // 1/2 + rotation; measured 0.0055 / 0.045
        { "chelsea-orientation6.jpg", 64, 0.02, 0.25 },
        { "chelsea-orientation8.jpg", 64, 0.02, 0.25 },
        { "rocket.jpg", 224, Exact, Exact },          // full-size JPEG decodes
        { "chelsea.jpg", 224, Exact, Exact },
        { "camera-gray.jpg", 224, Exact, Exact },
        { "astronaut-alpha.png", 224, Exact, Exact },
        { "coffee-palette.png", 96, Exact, Exact },
        { "camera-gray.png", 96, Exact, Exact },
        { "chelsea-rgb16.png", 96, Exact, Exact },
        { "chelsea-2frames.gif", 96, Exact, Exact },
        { "chelsea-transparent.gif", 64, Exact, Exact }, // transparent index shown as its palette colour
        { "coffee.webp", 96, Exact, Exact },
        { "astronaut-alpha.webp", 96, Exact, Exact },
        { "chelsea.bmp", 96, Exact, Exact },
    };

    [Fact]
    public void Every_reference_tensor_has_a_parity_case()
    {
        var covered = Fixtures().Select(row => ((string)row[0], (int)row[1])).ToHashSet();
        foreach (var t in ImagingFixtures.Manifest.Tensors)
            Assert.Contains((t.Image, t.Size), covered);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Tensor_from_file_matches_PIL(string image, int size, double maxMeanAbs, double maxMaxAbs)
    {
        var reference = ImagingFixtures.Manifest.Tensor(image, size);
        var spec = ImagingFixtures.Spec(reference.Size);
        var expected = ReferenceTensor(reference, spec);
        var actual = new float[spec.TensorLength];

        var metadata = Preprocessor.ToTensor(ImagingFixtures.PhotoBytes(image), spec, actual);

        Assert.Equal((reference.OrientedWidth, reference.OrientedHeight), (metadata.Width, metadata.Height));
        var (meanAbs, maxAbs) = Compare(expected, actual);
        output.WriteLine($"{image} @ {reference.Size}: mean |Δ| = {meanAbs:F5}, max |Δ| = {maxAbs:F4}");
        Assert.True(meanAbs <= maxMeanAbs, $"mean |Δ| {meanAbs:F5} > {maxMeanAbs}");
        Assert.True(maxAbs <= maxMaxAbs, $"max |Δ| {maxAbs:F4} > {maxMaxAbs}");
    }

    [Fact]
    public void Normalisation_matches_numpy_bit_for_bit()
    {
        Assert.Equal(PreprocessSpec.Clip.Mean, ImagingFixtures.Manifest.Mean);
        Assert.Equal(PreprocessSpec.Clip.Std, ImagingFixtures.Manifest.Std);
        var withTensors = ImagingFixtures.Manifest.Tensors.Where(t => t.Tensor is not null).ToList();
        Assert.NotEmpty(withTensors);
        foreach (var reference in withTensors)
        {
            var spec = ImagingFixtures.Spec(reference.Size);
            var numpy = ImagingFixtures.ReadGzipFloats(reference.Tensor!);
            Assert.Equal(numpy, ReferenceTensor(reference, spec));
        }

        // chelsea.bmp is lossless, so the whole path reproduces numpy's floats exactly.
        var bmp = ImagingFixtures.Manifest.Tensor("chelsea.bmp", 96);
        var actual = new float[ImagingFixtures.Spec(96).TensorLength];
        Preprocessor.ToTensor(ImagingFixtures.PhotoBytes("chelsea.bmp"), ImagingFixtures.Spec(96), actual);
        Assert.Equal(ImagingFixtures.ReadGzipFloats(bmp.Tensor!), actual);
    }

    [Fact]
    public void Resize_and_crop_geometry_matches_torchvision()
    {
        foreach (var t in ImagingFixtures.Manifest.Tensors)
        {
            var (w, h) = ClipImagePreprocessor.ResizedSize(t.OrientedWidth, t.OrientedHeight, t.Size);
            Assert.Equal((t.ResizedWidth, t.ResizedHeight), (w, h));
            Assert.Equal((t.Left, t.Top), ClipImagePreprocessor.CropOffset(w, h, t.Size));
        }
        // Python's round() is half-to-even: 1.5 → 2, 2.5 → 2.
        Assert.Equal((2, 0), ClipImagePreprocessor.CropOffset(227, 224, 224));
        Assert.Equal((2, 0), ClipImagePreprocessor.CropOffset(229, 224, 224));
        Assert.Equal((224, 298), ClipImagePreprocessor.ResizedSize(3000, 4000, 224));
    }

    [Fact]
    public void A_decoded_image_and_its_pixels_give_the_same_tensor_at_full_scale()
    {
        var decoded = new SkiaImageDecoder().Decode(ImagingFixtures.PhotoBytes("chelsea.jpg"));
        var spec = ImagingFixtures.Spec(96);
        var fromPixels = new float[spec.TensorLength];
        var fromDecoded = new float[spec.TensorLength];
        Preprocessor.ToTensor(decoded.Pixels, spec, fromPixels);
        ((IImagePreprocessor)Preprocessor).ToTensor(decoded, spec, fromDecoded);
        Assert.Equal(fromPixels, fromDecoded);
    }

    [Fact]
    public void A_too_small_destination_or_bad_spec_is_rejected()
    {
        var image = PilBicubicResamplerTests.Noise(50, 40, seed: 3);
        Assert.Throws<ArgumentException>(() => Preprocessor.ToTensor(image, PreprocessSpec.Clip, new float[PreprocessSpec.Clip.TensorLength - 1]));
        Assert.Throws<ArgumentException>(() => Preprocessor.ToTensor(image, PreprocessSpec.Clip with { Std = [1f, 0f, 1f] }, new float[PreprocessSpec.Clip.TensorLength]));
    }

    private static float[] ReferenceTensor(TensorReference reference, PreprocessSpec spec)
    {
        var crop = ImagingFixtures.ReadGzip(reference.Crop);
        int plane = reference.Size * reference.Size;
        Assert.Equal(plane * 3, crop.Length);
        var tensor = new float[plane * 3];
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
                tensor[c * plane + i] = (crop[i * 3 + c] / 255f - spec.Mean[c]) / spec.Std[c];
        }
        return tensor;
    }

    private static (double MeanAbs, double MaxAbs) Compare(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double sum = 0, max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            sum += d;
            max = Math.Max(max, d);
        }
        return (sum / expected.Length, max);
    }
}
