namespace SemanticSearch.Clip;

/// <summary>The on-disk layout a model folder came in; only <see cref="ClipModelFolder"/> reads it.</summary>
public enum ClipModelLayout
{
    /// <summary>Hugging Face ONNX (Xenova): <c>onnx/text_model.onnx</c>, <c>onnx/vision_model.onnx</c>, <c>preprocessor_config.json</c>.</summary>
    HuggingFace,

    /// <summary>open_clip exports as Immich publishes them: <c>config.json</c>, <c>textual/</c>, <c>visual/</c>.</summary>
    OpenClip,
}
