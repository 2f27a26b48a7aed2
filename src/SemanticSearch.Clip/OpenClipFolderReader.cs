using System.Text.Json;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Clip;

/// <summary>
/// Reads the open_clip layout of Immich's model repositories: <c>config.json</c> (open_clip's model config:
/// <c>embed_dim</c>, <c>vision_cfg.image_size</c>, <c>text_cfg.context_length</c>), <c>textual/model.onnx</c>,
/// <c>textual/tokenizer.json</c> + <c>textual/tokenizer_config.json</c> (<c>pad_token</c>), <c>visual/model.onnx</c> and
/// <c>visual/preprocess_cfg.json</c> (<c>size</c>, <c>mean</c>, <c>std</c>, <c>interpolation</c>, <c>resize_mode</c>).
/// </summary>
internal static class OpenClipFolderReader
{
    /// <summary>Longest text context accepted (CLIP has 77, SigLIP 64, long-context CLIP variants a few hundred).</summary>
    public const int MaxContextLength = 1024;

    /// <summary>open_clip's <c>CLIPTextCfg.context_length</c>, what open_clip and Immich use when config.json has none.</summary>
    public const int DefaultContextLength = 77;

    private static readonly string[] RequiredFiles =
    [
        "config.json", "textual/model.onnx", "textual/tokenizer.json", "textual/tokenizer_config.json",
        "visual/model.onnx", "visual/preprocess_cfg.json",
    ];

    /// <summary>A folder with a <c>textual/</c> or <c>visual/</c> sub-folder and no Hugging Face <c>onnx/</c> one.</summary>
    public static bool LooksLikeOpenClip(string dir) =>
        !System.IO.Directory.Exists(Path.Combine(dir, "onnx"))
        && (System.IO.Directory.Exists(Path.Combine(dir, "textual")) || System.IO.Directory.Exists(Path.Combine(dir, "visual")));

    public static ClipModelFolder Read(string dir, ModelVariant variant)
    {
        if (variant is not (ModelVariant.Auto or ModelVariant.Fp32))
            throw new ClipModelException($"Model folder '{dir}' is in the open_clip layout, which has only fp32 model.onnx files (Variant = {variant}); set Variant to Auto.");
        var missing = RequiredFiles.Where(f => !File.Exists(Path.Combine(dir, f))).ToArray();
        if (missing.Length > 0)
            throw new ClipModelException($"Model folder '{dir}' looks like the open_clip layout but lacks {string.Join(", ", missing)}. {ClipModelFolder.HowToGet(dir)}");

        var config = ClipModelFolder.ReadJson(dir, "config.json")!.Value;
        var tokenizerConfig = ClipModelFolder.ReadJson(dir, "textual/tokenizer_config.json")!.Value;
        var embedDim = config.TryGetProperty("embed_dim", out var e) && e.TryGetInt32(out var d) && d > 0
            ? d
            : throw new ClipModelException($"config.json in '{dir}' has no positive embed_dim.");
        int? imageSize = config.TryGetProperty("vision_cfg", out var vision) && vision.TryGetProperty("image_size", out var s)
            ? SquareSize(s, "config.json vision_cfg.image_size", dir) : null;
        // open_clip's text config defaults to 77 where the file says nothing (Hugging Face text towers such as NLLB-CLIP's).
        var context = config.TryGetProperty("text_cfg", out var text) && text.TryGetProperty("context_length", out var c) && c.TryGetInt32(out var n)
            ? n : DefaultContextLength;
        // Bounded because every text is padded to it before the model runs.
        if (context is < 2 or > MaxContextLength)
            throw new ClipModelException($"config.json in '{dir}': text_cfg.context_length must be between 2 and {MaxContextLength}.");

        var modelId = ClipModelFolder.ReadString(config, "semsearch_model_id") ?? Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
        return new ClipModelFolder(dir, modelId, ModelVariant.Fp32, Path.Combine(dir, "textual", "model.onnx"),
            Path.Combine(dir, "visual", "model.onnx"), embedDim, ReadPreprocess(dir, imageSize))
        {
            Layout = ClipModelLayout.OpenClip,
            TokenizerDirectory = Path.Combine(dir, "textual"),
            ContextLength = context,
            PadToken = ClipModelFolder.ReadString(tokenizerConfig, "pad_token"),
            TextClean = text.ValueKind == JsonValueKind.Object && text.TryGetProperty("tokenizer_kwargs", out var kwargs) && kwargs.ValueKind == JsonValueKind.Object
                ? ClipModelFolder.ReadString(kwargs, "clean") : null,
            Card = ModelCardReader.Read(config, dir),
        };
    }

    private static PreprocessSpec ReadPreprocess(string dir, int? imageSize)
    {
        const string file = "visual/preprocess_cfg.json";
        var json = ClipModelFolder.ReadJson(dir, file)!.Value;
        var size = json.TryGetProperty("size", out var s) ? SquareSize(s, file + " size", dir) : imageSize
            ?? throw new ClipModelException($"{file} in '{dir}' has no size and config.json no vision_cfg.image_size.");
        var mean = Triple(json, "mean", file, dir) ?? PreprocessSpec.Clip.Mean;
        var std = Triple(json, "std", file, dir) ?? PreprocessSpec.Clip.Std;
        if (size is < 1 or > ClipModelFolder.MaxImageSize || std.Any(v => !(v > 0f)))
            throw new ClipModelException($"{file} in '{dir}' has an invalid size (1 to {ClipModelFolder.MaxImageSize}) or std.");
        var interpolation = ClipModelFolder.ReadString(json, "interpolation") switch
        {
            null or "bicubic" => ImageInterpolation.Bicubic,
            "bilinear" => ImageInterpolation.Bilinear,
            var other => throw new ClipModelException($"{file} in '{dir}': interpolation '{other}' is not supported (bicubic or bilinear)."),
        };
        var resize = ClipModelFolder.ReadString(json, "resize_mode") switch
        {
            null or "shortest" => ImageResizeMode.ShortestSideCentreCrop,
            "squash" => ImageResizeMode.Squash,
            var other => throw new ClipModelException($"{file} in '{dir}': resize_mode '{other}' is not supported (shortest or squash)."),
        };
        return new PreprocessSpec(size, mean, std) { Interpolation = interpolation, ResizeMode = resize };
    }

    /// <summary>A size written as n or [n, n]; models with non-square inputs are not supported.</summary>
    private static int SquareSize(JsonElement value, string what, string dir)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
            return n;
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2
            && value[0].TryGetInt32(out var h) && value[1].TryGetInt32(out var w) && h == w)
            return h;
        throw new ClipModelException($"{what} in '{dir}' must be one number or a square [n, n].");
    }

    private static float[]? Triple(JsonElement json, string name, string file, string dir)
    {
        if (!json.TryGetProperty(name, out var v))
            return null;
        var values = v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetSingle()).ToArray() : [];
        return values.Length == 3
            ? values
            : throw new ClipModelException($"{file} in '{dir}': {name} must have 3 values.");
    }
}
