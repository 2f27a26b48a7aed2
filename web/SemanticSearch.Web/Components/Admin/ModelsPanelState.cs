using SemanticSearch.Core.Models;
using SemanticSearch.Web.ModelPulls;

namespace SemanticSearch.Web.Components.Admin;

/// <summary>What the models panel shows, read in one go off the circuit.</summary>
/// <param name="Models">Known and installed models.</param>
/// <param name="Answering">Id of the model that answers searches.</param>
/// <param name="Readiness">Where the answering model stands.</param>
/// <param name="Problem">Why no model answers.</param>
/// <param name="Pending">The switch under way or the last one that failed or was cancelled.</param>
/// <param name="Pulls">This process's pulls, by known-model name.</param>
public sealed record ModelsPanelState(
    IReadOnlyList<ModelListing> Models, string? Answering, ModelReadiness Readiness, string? Problem,
    ModelSwitchProgress? Pending, IReadOnlyDictionary<string, ModelPullStatus> Pulls)
{
    /// <summary>Before the first read.</summary>
    public static ModelsPanelState Empty { get; } =
        new([], null, ModelReadiness.Loading, null, null, new Dictionary<string, ModelPullStatus>());
}
