namespace SemanticSearch.Core.Models;

/// <summary>How far a switch to <paramref name="Model"/> has come.</summary>
/// <param name="Model">Id of the model being switched to.</param>
/// <param name="Embedded">Indexed images that already have a vector of the new model.</param>
/// <param name="Total">Indexed images in the catalog.</param>
/// <param name="Phase">The step the switch is in.</param>
/// <param name="Problem">Why it failed, for <see cref="ModelSwitchPhase.Failed"/>.</param>
public sealed record ModelSwitchProgress(string Model, long Embedded, long Total, ModelSwitchPhase Phase, string? Problem = null);
