using System.IO.Compression;
using System.Text.Json;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Tests.Shared;
using Xunit.Abstractions;

namespace SemanticSearch.Imaging.Tests;

/// <summary>
/// Every interpolation (bicubic, bilinear) × resize mode (shortest side + centre crop, squash) against PIL's output on
/// the photo fixtures (tools/model_families/make_family_exports.py). Lossless files must match PIL exactly; JPEGs,
/// decoded at a reduced DCT scale here and fully by PIL, within the mean |Δ| of 0.01.
/// </summary>
public sealed class PreprocessModeParityTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(RepoPaths.Fixtures, "model-families", "preprocess");
    private static readonly Lazy<PreprocessModeCase[]> Cases = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))
        .RootElement.GetProperty("cases").Deserialize<PreprocessModeCase[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    private static readonly ClipImagePreprocessor Preprocessor = new(new SkiaImageDecoder());

    public static TheoryData<string, int, string, string> AllCases()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var c in Cases.Value)
            data.Add(c.Image, c.Size, c.Interpolation, c.ResizeMode);
        return data;
    }

    [Fact]
    public void The_fixtures_cover_every_interpolation_and_resize_mode()
    {
        var modes = Cases.Value.Select(c => (c.Interpolation, c.ResizeMode)).ToHashSet();
        Assert.Equal(4, modes.Count);
        Assert.Contains(Cases.Value, c => c.Image.EndsWith(".jpg", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Tensor_matches_PIL_for_every_interpolation_and_resize_mode(string image, int size, string interpolation, string resizeMode)
    {
        var reference = Cases.Value.Single(c => c.Image == image && c.Size == size && c.Interpolation == interpolation && c.ResizeMode == resizeMode);
        var spec = new PreprocessSpec(size, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f])
        {
            Interpolation = interpolation == "bilinear" ? ImageInterpolation.Bilinear : ImageInterpolation.Bicubic,
            ResizeMode = resizeMode == "squash" ? ImageResizeMode.Squash : ImageResizeMode.ShortestSideCentreCrop,
        };
        var crop = ReadGzip(reference.Crop);
        var expected = new float[spec.TensorLength];
        int plane = size * size;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
                expected[c * plane + i] = (crop[i * 3 + c] / 255f - 0.5f) / 0.5f;
        }
        var actual = new float[spec.TensorLength];

        Preprocessor.ToTensor(ImagingFixtures.PhotoBytes(image), spec, actual);

        double sum = 0, max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            sum += d;
            max = Math.Max(max, d);
        }
        var mean = sum / expected.Length;
        output.WriteLine($"{image} @ {size} {interpolation}/{resizeMode}: mean |Δ| = {mean:F5}, max |Δ| = {max:F4}");
        // Lossless formats decode to PIL's pixels, so any difference there is a resampling error.
        var limit = image.EndsWith(".jpg", StringComparison.Ordinal) ? 0.01 : 1e-6;
        Assert.True(mean <= limit, $"mean |Δ| {mean:F5} > {limit}");
    }

    private static byte[] ReadGzip(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Folder, file));
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
