using SemanticSearch.Core.Models;

namespace SemanticSearch.Web.Tests.Fakes;

/// <summary>A model service for the models panel's tests: state set by the test, calls recorded, events raised on demand.</summary>
internal sealed class FakeModelService : IModelService
{
    public ModelReadiness Readiness { get; set; } = ModelReadiness.Ready;

    public string? AnsweringModel { get; set; }

    public string? Problem { get; set; }

    public ModelSwitchProgress? Pending { get; set; }

    public IReadOnlyList<ModelListing> Models { get; set; } = [];

    /// <summary>Every choice the panel switched to.</summary>
    public List<ModelChoice> Choices { get; } = [];

    /// <summary>Model ids whose vectors the panel deleted.</summary>
    public List<string> Deleted { get; } = [];

    public int Cancels { get; private set; }

    /// <summary>When set, <see cref="SwitchAsync"/> refuses with this message.</summary>
    public string? RefuseWith { get; set; }

    public bool HasSubscribers => Changed is not null;

    public event Action? Changed;

    public IReadOnlyList<ModelListing> List() => Models;

    public Task<ModelSwitchProgress> SwitchAsync(ModelChoice choice, CancellationToken cancellationToken = default)
    {
        if (RefuseWith is not null)
            throw new ModelChoiceException(RefuseWith);
        Choices.Add(choice);
        Pending = new ModelSwitchProgress(choice.Name!, 0, 20, ModelSwitchPhase.Embedding);
        return Task.FromResult(Pending);
    }

    public bool CancelSwitch()
    {
        Cancels++;
        return Pending is { Phase: ModelSwitchPhase.Embedding };
    }

    public Task<long> DeleteVectorsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        Deleted.Add(modelId);
        return Task.FromResult(12L);
    }

    public void RaiseChanged() => Changed?.Invoke();
}
