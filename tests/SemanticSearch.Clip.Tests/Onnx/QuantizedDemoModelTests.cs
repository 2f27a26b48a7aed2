using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Onnx;

/// <summary>
/// The demo model's int8 export (tests/fixtures/models/clip-demo-quantized, written by tools/clip_demo/quantize_int8.py:
/// DynamicQuantizeLinear + MatMulInteger) in a real folder next to the fp32 files, against fp32 on the same inputs.
/// </summary>
public sealed class QuantizedDemoModelTests : IDisposable
{
    private static readonly string[] Photos = ["astronaut.jpg", "chelsea.jpg", "coffee-exif.jpg", "rocket.jpg", "camera-gray.jpg", "coffee.webp"];
    private static readonly string[] Texts = ["a photo of a cat", "an astronaut in a white suit", "a cup of coffee", "a rocket on the launch pad"];

    private readonly TempDirectory _temp = new("semsearch-int8");
    private readonly string _folder;

    public QuantizedDemoModelTests()
    {
        _folder = _temp.Combine("clip-demo");
        CopyDirectory(RepoPaths.DemoModel, _folder);
        CopyDirectory(Path.Combine(RepoPaths.Fixtures, "models", "clip-demo-quantized"), _folder);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Auto_loads_the_int8_files_on_the_cpu_and_fp32_when_asked()
    {
        using var auto = ClipEmbeddingModel.Load(_folder, new ClipModelOptions());
        using var fp32 = ClipEmbeddingModel.Load(_folder, new ClipModelOptions { Variant = ModelVariant.Fp32 });

        Assert.Equal(ModelVariant.Quantized, auto.Folder.Variant);
        Assert.EndsWith("vision_model_quantized.onnx", auto.Folder.VisionModelPath);
        Assert.Equal(ModelVariant.Fp32, fp32.Folder.Variant);
    }

    [Fact]
    public void Int8_embeddings_of_real_photos_and_texts_stay_within_a_cosine_of_0_99_of_fp32()
    {
        using var int8 = ClipEmbeddingModel.Load(_folder, new ClipModelOptions { Variant = ModelVariant.Quantized });
        using var fp32 = ClipEmbeddingModel.Load(_folder, new ClipModelOptions { Variant = ModelVariant.Fp32 });
        var tensors = Preprocess(fp32.Images.Preprocess);

        var images = Cosines(int8.Images.EncodeImages(tensors, Photos.Length), fp32.Images.EncodeImages(tensors, Photos.Length));
        var texts = Cosines(int8.Text.EncodeTexts(Texts), fp32.Text.EncodeTexts(Texts));

        Assert.True(images.Average() >= 0.99, $"image cosines {string.Join(", ", images)}");
        Assert.True(texts.Average() >= 0.99, $"text cosines {string.Join(", ", texts)}");
        // Not identical: the int8 graph really ran (a copy of the fp32 files would give 1.0 exactly).
        Assert.True(texts.Min() < 0.999999, $"text cosines {string.Join(", ", texts)}");
    }

    private static double[] Cosines(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b) =>
        a.Select((v, i) => (double)VectorMath.Cosine(v, b[i])).ToArray();

    private static float[] Preprocess(PreprocessSpec spec)
    {
        var preprocessor = new ClipImagePreprocessor(new SkiaImageDecoder());
        var tensors = new float[Photos.Length * spec.TensorLength];
        for (var i = 0; i < Photos.Length; i++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "photos", Photos[i]));
            preprocessor.ToTensor(bytes, spec, tensors.AsSpan(i * spec.TensorLength, spec.TensorLength));
        }
        return tensors;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
