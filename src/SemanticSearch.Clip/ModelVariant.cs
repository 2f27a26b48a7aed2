namespace SemanticSearch.Clip;

/// <summary>Which ONNX export of a model folder to load (Hugging Face naming: <c>onnx/text_model{suffix}.onnx</c>).</summary>
public enum ModelVariant
{
    /// <summary>
    /// The first that exists, int8 first on the CPU and fp32 first on CUDA (<see cref="ClipModelFolder.AutoVariantOrder"/>),
    /// so a folder pulled with only one variant just works.
    /// </summary>
    Auto,

    /// <summary><c>onnx/text_model.onnx</c> and <c>onnx/vision_model.onnx</c>.</summary>
    Fp32,

    /// <summary><c>onnx/*_quantized.onnx</c> (int8 weights): smaller and usually faster on CPU, slightly less exact.</summary>
    Quantized,

    /// <summary><c>onnx/*_fp16.onnx</c>: half-precision weights, meant for GPUs.</summary>
    Fp16,
}
