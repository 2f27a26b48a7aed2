using SemanticSearch.Core.Imaging;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests;

public sealed class ClipModelFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-folder");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_missing_folder_says_how_to_pull_the_model()
    {
        var dir = _temp.Combine("index-data", "models", "openai", "clip-vit-base-patch32");

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains(dir, error.Message);
        Assert.Contains("semsearch models pull openai/clip-vit-base-patch32", error.Message);
    }

    [Fact]
    public void A_folder_without_onnx_files_names_them_and_says_how_to_pull()
    {
        var dir = MakeFolder("models/some-model", withOnnx: []);

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains("onnx/text_model.onnx", error.Message);
        Assert.Contains("semsearch models pull some-model", error.Message);
    }

    [Fact]
    public void Auto_picks_the_variant_that_exists_and_an_explicit_variant_must_exist()
    {
        var dir = MakeFolder("quantized-only", withOnnx: ["_quantized"]);

        var folder = ClipModelFolder.Open(dir);
        Assert.Equal(ModelVariant.Quantized, folder.Variant);
        Assert.EndsWith("onnx/text_model_quantized.onnx", folder.TextModelPath.Replace('\\', '/'));
        Assert.EndsWith("onnx/vision_model_quantized.onnx", folder.VisionModelPath.Replace('\\', '/'));

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir, ModelVariant.Fp16));
        Assert.Contains("onnx/text_model_fp16.onnx", error.Message);
    }

    [Fact]
    public void Auto_prefers_int8_on_the_cpu_and_fp32_on_cuda_and_a_chosen_variant_wins()
    {
        var dir = MakeFolder("all", withOnnx: ["", "_quantized", "_fp16"]);

        Assert.Equal(ModelVariant.Quantized, ClipModelFolder.Open(dir).Variant);
        Assert.Equal(ModelVariant.Quantized, ClipModelFolder.Open(dir, ModelVariant.Auto, ExecutionProviderKind.Cpu).Variant);
        Assert.Equal(ModelVariant.Fp32, ClipModelFolder.Open(dir, ModelVariant.Auto, ExecutionProviderKind.Cuda).Variant);
        Assert.Equal(ModelVariant.Fp32, ClipModelFolder.Open(dir, ModelVariant.Fp32, ExecutionProviderKind.Cpu).Variant);
        Assert.Equal(ModelVariant.Fp16, ClipModelFolder.Open(dir, ModelVariant.Fp16).Variant);
    }

    [Fact]
    public void Auto_falls_back_to_fp32_on_the_cpu_when_the_folder_has_no_int8_export()
    {
        var dir = MakeFolder("fp32-and-fp16", withOnnx: ["", "_fp16"]);

        Assert.Equal(ModelVariant.Fp32, ClipModelFolder.Open(dir).Variant);
        Assert.Equal(ModelVariant.Fp32, ClipModelFolder.Open(RepoPaths.DemoModel).Variant);
    }

    [Fact]
    public void Auto_on_cuda_takes_the_int8_export_when_it_is_the_only_one()
    {
        var dir = MakeFolder("int8-only", withOnnx: ["_quantized"]);

        Assert.Equal(ModelVariant.Quantized, ClipModelFolder.Open(dir, ModelVariant.Auto, ExecutionProviderKind.Cuda).Variant);
    }

    [Fact]
    public void Preprocessing_and_ids_come_from_the_json_files()
    {
        var dir = MakeFolder("custom", withOnnx: [""]);
        File.WriteAllText(Path.Combine(dir, "preprocessor_config.json"),
            """{"crop_size": {"height": 256, "width": 256}, "size": {"shortest_edge": 256}, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.25, 0.5, 1.0]}""");
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"projection_dim": 768, "_name_or_path": "org/name"}""");

        var folder = ClipModelFolder.Open(dir);

        Assert.Equal(256, folder.Preprocess.Size);
        Assert.Equal([0.5f, 0.5f, 0.5f], folder.Preprocess.Mean);
        Assert.Equal([0.25f, 0.5f, 1.0f], folder.Preprocess.Std);
        Assert.Equal(768, folder.ProjectionDim);
        Assert.Equal("org/name", folder.ModelId);
    }

    [Fact]
    public void Defaults_are_openai_clip_and_the_folder_name()
    {
        var dir = MakeFolder("bare-model", withOnnx: [""]);

        var folder = ClipModelFolder.Open(dir);

        Assert.Same(PreprocessSpec.Clip, folder.Preprocess);
        Assert.Null(folder.ProjectionDim);
        Assert.Equal("bare-model", folder.ModelId);
    }

    [Fact]
    public void Semsearch_model_id_wins_and_integer_sizes_are_read()
    {
        var dir = MakeFolder("x", withOnnx: [""]);
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"semsearch_model_id": "my-id", "_name_or_path": "other"}""");
        File.WriteAllText(Path.Combine(dir, "preprocessor_config.json"), """{"crop_size": 336, "size": 336}""");

        var folder = ClipModelFolder.Open(dir);

        Assert.Equal("my-id", folder.ModelId);
        Assert.Equal(336, folder.Preprocess.Size);
        Assert.Equal(PreprocessSpec.Clip.Mean, folder.Preprocess.Mean);
    }

    [Fact]
    public void Broken_json_is_a_clear_error()
    {
        var dir = MakeFolder("broken", withOnnx: [""]);
        File.WriteAllText(Path.Combine(dir, "config.json"), "{ not json");

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains("config.json", error.Message);
    }

    [Fact]
    public void The_bundled_demo_model_opens()
    {
        var folder = ClipModelFolder.Open(RepoPaths.DemoModel);

        Assert.Equal("clip-demo", folder.ModelId);
        Assert.Equal(224, folder.Preprocess.Size);
        Assert.Equal(ModelVariant.Fp32, folder.Variant);
    }

    private string MakeFolder(string relative, string[] withOnnx)
    {
        var dir = _temp.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.Combine(dir, "onnx"));
        foreach (var suffix in withOnnx)
        {
            File.WriteAllBytes(Path.Combine(dir, "onnx", $"text_model{suffix}.onnx"), [0]);
            File.WriteAllBytes(Path.Combine(dir, "onnx", $"vision_model{suffix}.onnx"), [0]);
        }
        return dir;
    }
}
