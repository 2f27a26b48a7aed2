namespace SemanticSearch.Core.Models;

/// <summary>A switch recorded in the catalog, so a crash resumes it at the next start.</summary>
/// <param name="ModelId">Id of the model being switched to.</param>
/// <param name="Choice">How it was chosen (name or folder, variant), to load it again.</param>
public sealed record PendingModelSwitch(string ModelId, ModelChoice Choice);
