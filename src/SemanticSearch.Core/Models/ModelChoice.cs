namespace SemanticSearch.Core.Models;

/// <summary>A model to switch to: a known model by <see cref="Name"/> (installed by a pull) or a folder by <see cref="Path"/>.</summary>
public sealed record ModelChoice
{
    /// <summary>Name of a known model (<c>SemanticSearch:ModelStore:Known</c>).</summary>
    public string? Name { get; init; }

    /// <summary>A model folder on the server (admins only).</summary>
    public string? Path { get; init; }

    /// <summary>Which ONNX export to load: <c>Auto</c> (default), <c>Fp32</c>, <c>Quantized</c> or <c>Fp16</c>.</summary>
    public string? Variant { get; init; }
}
