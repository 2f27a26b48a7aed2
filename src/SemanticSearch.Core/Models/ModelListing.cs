namespace SemanticSearch.Core.Models;

/// <summary>One row of the model list: a known model (pulled or not) or an installed folder.</summary>
public sealed record ModelListing
{
    /// <summary>Known-model name, or the folder name of an installed model that is not in the known list.</summary>
    public required string Name { get; init; }

    /// <summary>Model id stored with its vectors (what <see cref="IModelService.AnsweringModel"/> reports), when known.</summary>
    public string? ModelId { get; init; }

    /// <summary>Hugging Face repository it is pulled from, for known models.</summary>
    public string? Repository { get; init; }

    public int? Dimension { get; init; }

    public int? InputSize { get; init; }

    public string? Licence { get; init; }

    public int? ApproximateSizeMegabytes { get; init; }

    /// <summary>Published retrieval figure with its source, e.g. "English 65.2 % (Immich, Crossmodal-3600)".</summary>
    public string? Recall { get; init; }

    /// <summary>The files are on this machine.</summary>
    public bool Installed { get; init; }

    /// <summary>This model answers searches now.</summary>
    public bool Answering { get; init; }

    /// <summary>A switch to this model is under way.</summary>
    public bool Pending { get; init; }

    /// <summary>Images that have a stored vector of this model (kept after switching away, so switching back is instant).</summary>
    public long StoredVectors { get; init; }

    /// <summary>ONNX exports the installed folder has (<c>Fp32</c>, <c>Quantized</c>, <c>Fp16</c>).</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];
}
