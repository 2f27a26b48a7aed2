namespace SemanticSearch.Core.Models;

/// <summary>Why a model choice cannot be used (the API maps it to a status code).</summary>
public enum ModelChoiceProblem
{
    /// <summary>The choice is malformed or the folder cannot be loaded.</summary>
    Invalid,

    /// <summary>No such known model, or it is not installed.</summary>
    NotFound,

    /// <summary>Another switch is under way, or the model answers or is pending.</summary>
    Conflict,
}
