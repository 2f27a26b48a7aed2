using SemanticSearch.Core.Imaging;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Families;

public sealed class ModelFolderLayoutTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-layout");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_Hugging_Face_folder_is_detected_as_such()
    {
        var folder = ClipModelFolder.Open(ModelFamilyFolders.Materialize("openai-hf", _temp.Path));

        Assert.Equal(ClipModelLayout.HuggingFace, folder.Layout);
        Assert.EndsWith(Path.Combine("onnx", "text_model.onnx"), folder.TextModelPath);
        Assert.Equal(48, folder.ProjectionDim);
        Assert.Equal(ImageResizeMode.ShortestSideCentreCrop, folder.Preprocess.ResizeMode);
    }

    [Fact]
    public void An_open_clip_folder_is_detected_with_its_preprocessing_context_and_pad_token()
    {
        var dir = ModelFamilyFolders.Materialize("siglip2", _temp.Path);

        var folder = ClipModelFolder.Open(dir);

        Assert.Equal(ClipModelLayout.OpenClip, folder.Layout);
        Assert.Equal(Path.Combine(dir, "textual", "model.onnx"), folder.TextModelPath);
        Assert.Equal(Path.Combine(dir, "visual", "model.onnx"), folder.VisionModelPath);
        Assert.Equal(Path.Combine(dir, "textual"), folder.TokenizerDirectory);
        Assert.Equal(32, folder.ProjectionDim);
        Assert.Equal(64, folder.ContextLength);
        Assert.Equal("<pad>", folder.PadToken);
        Assert.Equal("siglip2", folder.ModelId);
        Assert.Equal(256, folder.Preprocess.Size);
        Assert.Equal([0.5f, 0.5f, 0.5f], folder.Preprocess.Mean);
        Assert.Equal([0.5f, 0.5f, 0.5f], folder.Preprocess.Std);
        Assert.Equal(ImageInterpolation.Bilinear, folder.Preprocess.Interpolation);
        Assert.Equal(ImageResizeMode.Squash, folder.Preprocess.ResizeMode);
    }

    [Fact]
    public void An_OpenAI_model_in_the_open_clip_layout_keeps_CLIP_preprocessing()
    {
        var folder = ClipModelFolder.Open(ModelFamilyFolders.Materialize("openai-openclip", _temp.Path));

        Assert.Equal(ClipModelLayout.OpenClip, folder.Layout);
        Assert.Equal(224, folder.Preprocess.Size);
        Assert.Equal(PreprocessSpec.Clip.Mean, folder.Preprocess.Mean);
        Assert.Equal(ImageInterpolation.Bicubic, folder.Preprocess.Interpolation);
        Assert.Equal(ImageResizeMode.ShortestSideCentreCrop, folder.Preprocess.ResizeMode);
        Assert.Equal("<|endoftext|>", folder.PadToken);
    }

    [Theory]
    [InlineData("visual/preprocess_cfg.json")]
    [InlineData("textual/model.onnx")]
    [InlineData("textual/tokenizer_config.json")]
    [InlineData("config.json")]
    public void A_broken_open_clip_folder_names_the_missing_file(string missing)
    {
        var dir = ModelFamilyFolders.Materialize("openclip", _temp.Path);
        File.Delete(Path.Combine(dir, missing));

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains(missing, error.Message);
        Assert.Contains("open_clip", error.Message);
    }

    [Fact]
    public void An_unsupported_resize_mode_is_refused_with_its_name()
    {
        var dir = ModelFamilyFolders.Materialize("openclip", _temp.Path);
        var cfg = Path.Combine(dir, "visual", "preprocess_cfg.json");
        File.WriteAllText(cfg, File.ReadAllText(cfg).Replace("\"shortest\"", "\"longest\"", StringComparison.Ordinal));

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains("resize_mode 'longest'", error.Message);
    }

    [Fact]
    public void An_oversized_context_length_is_refused_before_any_text_is_padded_to_it()
    {
        var dir = ModelFamilyFolders.Materialize("openclip", _temp.Path);
        var config = Path.Combine(dir, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"context_length\": 77", "\"context_length\": 100000000", StringComparison.Ordinal));

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains("context_length", error.Message);
    }

    [Theory]
    [InlineData("openai-hf", "preprocessor_config.json", "\"height\": 224", "\"height\": 100000")]
    [InlineData("openclip", "visual/preprocess_cfg.json", "256,\n    256", "100000,\n    100000")]
    public void An_oversized_image_size_is_refused_before_any_tensor_is_allocated(string family, string file, string from, string to)
    {
        var dir = ModelFamilyFolders.Materialize(family, _temp.Path);
        var path = Path.Combine(dir, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains("invalid size", error.Message);
    }
}
