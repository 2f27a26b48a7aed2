namespace SemanticSearch.Core.Models;

/// <summary>A model choice that cannot be used (unknown name, not pulled, a broken folder); the message says what to do.</summary>
public sealed class ModelChoiceException(string message) : Exception(message)
{
    /// <summary>What kind of problem it is (the API's status code).</summary>
    public ModelChoiceProblem Problem { get; init; } = ModelChoiceProblem.Invalid;
}
