namespace SemanticSearch.Clip;

/// <summary>Which CLIP model to load and how to run it. Bound from the <c>SemanticSearch:Model</c> settings section.</summary>
public sealed class ClipModelOptions
{
    /// <summary>The settings section these options are bound from.</summary>
    public const string SectionName = "SemanticSearch:Model";

    /// <summary>The default model folder: the small demo model bundled with the repository and copied next to programs.</summary>
    public const string DefaultPath = "models/clip-demo";

    /// <summary>Model folder in the Hugging Face ONNX layout or Immich's open_clip layout; a relative path goes through <c>AppPaths.Resolve</c>.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// Which ONNX files of the folder to load. <see cref="ModelVariant.Auto"/> (default) takes the first that exists of
    /// quantized (int8), fp32, fp16 on the CPU and of fp32, fp16, quantized on CUDA.
    /// </summary>
    public ModelVariant Variant { get; set; } = ModelVariant.Auto;

    /// <summary>ONNX Runtime execution provider: <c>Cpu</c> (default) or <c>Cuda</c> (CUDA builds only).</summary>
    public ExecutionProviderKind ExecutionProvider { get; set; } = ExecutionProviderKind.Cpu;

    /// <summary>CUDA device ordinal, used only with <see cref="ExecutionProviderKind.Cuda"/>.</summary>
    public int DeviceId { get; set; }

    /// <summary>Threads one inference may use; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads that run independent graph branches in parallel; 0 or 1 runs the graph sequentially.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>Graph rewriting done when a session is created.</summary>
    public GraphOptimization GraphOptimizationLevel { get; set; } = GraphOptimization.All;

    /// <summary>
    /// Whether idle ONNX Runtime worker threads spin before sleeping. Spinning shaves latency off back-to-back runs but
    /// burns cores that image decoding could use while the encoder waits, so it is off by default.
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Most images or texts sent to the model in one run; larger inputs are split.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Human-readable problems with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
            errors.Add($"{SectionName}:Path must name a model folder.");
        if (BatchSize is < 1 or > 4096)
            errors.Add($"{SectionName}:BatchSize must be between 1 and 4096 (was {BatchSize}).");
        if (IntraOpThreads < 0)
            errors.Add($"{SectionName}:IntraOpThreads must be 0 (automatic) or more (was {IntraOpThreads}).");
        if (InterOpThreads < 0)
            errors.Add($"{SectionName}:InterOpThreads must be 0 (automatic) or more (was {InterOpThreads}).");
        if (DeviceId < 0)
            errors.Add($"{SectionName}:DeviceId must be 0 or more (was {DeviceId}).");
        return errors;
    }
}
