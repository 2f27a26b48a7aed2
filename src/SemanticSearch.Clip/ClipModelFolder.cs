using System.Text.Json;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Clip;

/// <summary>
/// A CLIP-style model folder, in the Hugging Face ONNX layout (as in Xenova/clip-vit-base-patch32): <c>onnx/text_model.onnx</c>,
/// <c>onnx/vision_model.onnx</c> (optionally <c>_quantized</c> / <c>_fp16</c>), the tokenizer files,
/// <c>preprocessor_config.json</c> and <c>config.json</c>; or in the open_clip layout of Immich's model repositories
/// (see <see cref="OpenClipFolderReader"/>). The layout is detected from the folder; callers see only this description.
/// Opening reads only the small JSON files.
/// </summary>
public sealed class ClipModelFolder
{
    /// <summary>Largest model input side accepted from a folder's preprocessing settings.</summary>
    public const int MaxImageSize = 4096;

    internal ClipModelFolder(string directory, string modelId, ModelVariant variant, string textModelPath,
        string visionModelPath, int? projectionDim, PreprocessSpec preprocess)
    {
        Directory = directory;
        ModelId = modelId;
        Variant = variant;
        TextModelPath = textModelPath;
        VisionModelPath = visionModelPath;
        ProjectionDim = projectionDim;
        Preprocess = preprocess;
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Directory { get; }

    /// <summary><c>semsearch_model_id</c> from config.json, else its <c>_name_or_path</c>, else the folder name.</summary>
    public string ModelId { get; }

    /// <summary>The variant actually chosen (never <see cref="ModelVariant.Auto"/>).</summary>
    public ModelVariant Variant { get; }

    /// <summary>The text tower's ONNX file.</summary>
    public string TextModelPath { get; }

    /// <summary>The vision tower's ONNX file.</summary>
    public string VisionModelPath { get; }

    /// <summary><c>projection_dim</c> from config.json, when present.</summary>
    public int? ProjectionDim { get; }

    /// <summary>Image size, mean and std from preprocessor_config.json (OpenAI CLIP's values where absent).</summary>
    public PreprocessSpec Preprocess { get; }

    /// <summary>The <c>semsearch_card</c> of config.json (what the model knows, example queries, logit scale), when present.</summary>
    public ModelCard Card { get; init; } = ModelCard.Unknown;

    /// <summary>The layout the folder was found in.</summary>
    public ClipModelLayout Layout { get; init; } = ClipModelLayout.HuggingFace;

    /// <summary>The folder holding the tokenizer files (the model folder, or <c>textual/</c> in the open_clip layout).</summary>
    public string TokenizerDirectory { get => field ?? Directory; init; }

    /// <summary>Token context the model was trained with (open_clip's <c>text_cfg.context_length</c>), when the folder says.</summary>
    public int? ContextLength { get; init; }

    /// <summary>The token texts are padded with to a fixed length (<c>pad_token</c> of tokenizer_config.json); null pads with id 0.</summary>
    public string? PadToken { get; init; }

    /// <summary>How open_clip cleans texts before tokenizing (<c>text_cfg.tokenizer_kwargs.clean</c> of config.json), when the folder says.</summary>
    public string? TextClean { get; init; }

    /// <summary>
    /// Reads the folder's layout. Throws <see cref="ClipModelException"/> saying how to get the model when something is missing.
    /// <paramref name="provider"/> decides what <see cref="ModelVariant.Auto"/> prefers (see <see cref="AutoVariantOrder"/>).
    /// </summary>
    public static ClipModelFolder Open(string directory, ModelVariant variant = ModelVariant.Auto,
        ExecutionProviderKind provider = ExecutionProviderKind.Cpu)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = System.IO.Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
            throw new ClipModelException($"Model folder '{full}' does not exist. {HowToGet(full)}");
        if (OpenClipFolderReader.LooksLikeOpenClip(full))
            return OpenClipFolderReader.Read(full, variant);

        var (chosen, text, vision) = ChooseVariant(full, variant, provider);
        var config = ReadJson(full, "config.json");
        var preprocess = ReadPreprocessSpec(ReadJson(full, "preprocessor_config.json"), full);
        var modelId = ReadString(config, "semsearch_model_id") ?? ReadString(config, "_name_or_path")
            ?? System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var projection = config is { } c && c.TryGetProperty("projection_dim", out var p) && p.TryGetInt32(out var dim) ? dim : (int?)null;
        return new ClipModelFolder(full, modelId, chosen, text, vision, projection, preprocess) { Card = ModelCardReader.Read(config, full) };
    }

    /// <summary>The ONNX file of one tower for a variant, e.g. <c>onnx/vision_model_quantized.onnx</c>.</summary>
    public static string OnnxFileName(string tower, ModelVariant variant) => variant switch
    {
        ModelVariant.Quantized => $"onnx/{tower}_quantized.onnx",
        ModelVariant.Fp16 => $"onnx/{tower}_fp16.onnx",
        _ => $"onnx/{tower}.onnx",
    };

    /// <summary>
    /// The variants <see cref="ModelVariant.Auto"/> tries, best first. On the CPU the int8 export comes first: its
    /// MatMulInteger kernels use VNNI and it is a quarter of the size, at a cosine of about 0.99 to fp32 (bench/RESULTS.md).
    /// On CUDA int8 MatMuls gain nothing and its DynamicQuantizeLinear nodes fall back to the CPU, so fp32 comes first.
    /// </summary>
    public static IReadOnlyList<ModelVariant> AutoVariantOrder(ExecutionProviderKind provider) => provider == ExecutionProviderKind.Cpu
        ? [ModelVariant.Quantized, ModelVariant.Fp32, ModelVariant.Fp16]
        : [ModelVariant.Fp32, ModelVariant.Fp16, ModelVariant.Quantized];

    private static (ModelVariant, string, string) ChooseVariant(string dir, ModelVariant requested, ExecutionProviderKind provider)
    {
        IReadOnlyList<ModelVariant> candidates = requested == ModelVariant.Auto ? AutoVariantOrder(provider) : [requested];
        foreach (var v in candidates)
        {
            var text = System.IO.Path.Combine(dir, OnnxFileName("text_model", v));
            var vision = System.IO.Path.Combine(dir, OnnxFileName("vision_model", v));
            if (File.Exists(text) && File.Exists(vision))
                return (v, text, vision);
        }
        var wanted = requested == ModelVariant.Auto
            ? "onnx/text_model.onnx and onnx/vision_model.onnx (or their _quantized / _fp16 variants)"
            : $"{OnnxFileName("text_model", requested)} and {OnnxFileName("vision_model", requested)} (Variant = {requested})";
        throw new ClipModelException($"Model folder '{dir}' lacks {wanted}. {HowToGet(dir)}");
    }

    private static PreprocessSpec ReadPreprocessSpec(JsonElement? json, string dir)
    {
        if (json is not { } j)
            return PreprocessSpec.Clip;
        // Hugging Face writes sizes either as a number or as {"shortest_edge": n} / {"height": n, "width": n};
        // the tensor side is the crop size, falling back to the resize size.
        var size = ReadSize(j, "crop_size") ?? ReadSize(j, "size") ?? PreprocessSpec.Clip.Size;
        var mean = ReadTriple(j, "image_mean", dir) ?? PreprocessSpec.Clip.Mean;
        var std = ReadTriple(j, "image_std", dir) ?? PreprocessSpec.Clip.Std;
        // Bounded because every image is preprocessed into a size × size tensor.
        if (size is < 1 or > MaxImageSize || std.Any(s => !(s > 0f)))
            throw new ClipModelException($"preprocessor_config.json in '{dir}' has an invalid size (1 to {MaxImageSize}) or image_std.");
        return size == PreprocessSpec.Clip.Size && mean.SequenceEqual(PreprocessSpec.Clip.Mean) && std.SequenceEqual(PreprocessSpec.Clip.Std)
            ? PreprocessSpec.Clip
            : new PreprocessSpec(size, mean, std);
    }

    private static int? ReadSize(JsonElement j, string name)
    {
        if (!j.TryGetProperty(name, out var v))
            return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
            return n;
        if (v.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in new[] { "shortest_edge", "height", "width" })
            {
                if (v.TryGetProperty(key, out var k) && k.TryGetInt32(out var m))
                    return m;
            }
        }
        return null;
    }

    private static float[]? ReadTriple(JsonElement j, string name, string dir)
    {
        if (!j.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
            return null;
        var values = v.EnumerateArray().Select(e => e.GetSingle()).ToArray();
        return values.Length == 3
            ? values
            : throw new ClipModelException($"preprocessor_config.json in '{dir}': {name} must have 3 values, has {values.Length}.");
    }

    internal static JsonElement? ReadJson(string dir, string name)
    {
        var path = System.IO.Path.Combine(dir, name);
        if (!File.Exists(path))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ClipModelException($"'{path}' is not valid JSON: {e.Message}", e);
        }
    }

    internal static string? ReadString(JsonElement? json, string name) =>
        json is { } j && j.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()
            : null;

    /// <summary>Tells how to obtain a missing model; when the path lies under a <c>models</c> folder, names the model to pull.</summary>
    internal static string HowToGet(string dir)
    {
        var parts = dir.Replace('\\', '/').TrimEnd('/').Split('/');
        var at = Array.LastIndexOf(parts, "models");
        var name = at >= 0 && at < parts.Length - 1 ? string.Join('/', parts[(at + 1)..]) : "NAME";
        return $"Download it with `semsearch models pull {name}` (`semsearch models list` shows the known names), "
            + "or point SemanticSearch:Model:Path / --model at a folder in the Hugging Face ONNX layout or Immich's open_clip layout.";
    }
}
