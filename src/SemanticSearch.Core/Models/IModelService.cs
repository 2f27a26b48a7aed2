namespace SemanticSearch.Core.Models;

/// <summary>
/// Owns the model that answers searches and any switch to another one. A model that is missing at start (not pulled
/// yet) or fails to load is a state of this service, not a missing registration: it is picked up once it appears.
/// </summary>
public interface IModelService
{
    /// <summary>Where the answering model stands.</summary>
    ModelReadiness Readiness { get; }

    /// <summary>Id of the model that answers searches (<c>IEmbeddingModel.ModelId</c>), null while none does.</summary>
    string? AnsweringModel { get; }

    /// <summary>Why no model answers (and what to do), for <see cref="ModelReadiness.Missing"/> and <see cref="ModelReadiness.Failed"/>.</summary>
    string? Problem { get; }

    /// <summary>The switch under way or the last one that failed or was cancelled; null when none.</summary>
    ModelSwitchProgress? Pending { get; }

    /// <summary>Known and installed models, with which one answers and which is pending.</summary>
    IReadOnlyList<ModelListing> List();

    /// <summary>
    /// Starts switching to <paramref name="choice"/> in the background and returns its first progress: every indexed
    /// image is embedded with the new model while the old one keeps answering, then the index flips at once. Switching
    /// to a model whose vectors are all kept flips at once.
    /// </summary>
    /// <exception cref="ModelChoiceException">Unknown name, not installed, or a folder that cannot be loaded.</exception>
    Task<ModelSwitchProgress> SwitchAsync(ModelChoice choice, CancellationToken cancellationToken = default);

    /// <summary>Stops the switch under way; false when none runs.</summary>
    bool CancelSwitch();

    /// <summary>Deletes the kept vectors of a model that does not answer; returns how many were deleted.</summary>
    /// <exception cref="ModelChoiceException">The model answers or is pending.</exception>
    Task<long> DeleteVectorsAsync(string modelId, CancellationToken cancellationToken = default);

    /// <summary>Raised after the readiness, the answering model or the pending switch changed.</summary>
    event Action? Changed;
}
