namespace SemanticSearch.Core.Models;

/// <summary>The step a model switch is in.</summary>
public enum ModelSwitchPhase
{
    /// <summary>Images are being embedded with the new model while the old one keeps answering.</summary>
    Embedding,

    /// <summary>Every indexed image has a vector of the new model; the index is being swapped.</summary>
    Flipping,

    /// <summary>The switch stopped on an error; the old model still answers.</summary>
    Failed,

    /// <summary>An admin cancelled the switch; the old model still answers and the new vectors made so far are kept.</summary>
    Cancelled,
}
