namespace SemanticSearch.Core.Models;

/// <summary>Where the model that answers searches stands.</summary>
public enum ModelReadiness
{
    /// <summary>No model folder is configured or it is not there yet (not pulled).</summary>
    Missing,

    /// <summary>The folder is there and its sessions are being created.</summary>
    Loading,

    /// <summary>Searches can be answered.</summary>
    Ready,

    /// <summary>The folder is there but cannot be loaded; <see cref="IModelService.Problem"/> says why.</summary>
    Failed,
}
