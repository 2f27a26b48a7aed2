namespace SemanticSearch.Web.Diagnostics;

/// <summary>Whether the configured embedding model loaded.</summary>
/// <param name="Available">True when searches can be answered.</param>
/// <param name="ModelId">Id of the loaded model.</param>
/// <param name="Dimension">Embedding length of the loaded model.</param>
/// <param name="Problem">Why it is unavailable and how to get it (e.g. <c>semsearch models pull NAME</c>).</param>
public sealed record ModelState(bool Available, string? ModelId, int Dimension, string? Problem)
{
    /// <summary>Which ONNX export of the folder is loaded (<c>Fp32</c>, <c>Quantized</c> = int8, <c>Fp16</c>), when known.</summary>
    public string? Variant { get; init; }
}
