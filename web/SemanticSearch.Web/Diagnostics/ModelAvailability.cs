using SemanticSearch.Core.Models;
using SemanticSearch.Crawler.Models;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// The model service's readiness as the pages, <c>/health</c>, <c>/api/status</c> and search report it: a missing
/// model is reported (logs, UI banner, 503 on search) instead of breaking pages, and is picked up once it is pulled.
/// </summary>
public sealed class ModelAvailability(IModelService service)
{
    /// <summary>Longest wait for the first load attempt (the old lazy load blocked the same way).</summary>
    private static readonly TimeSpan FirstLoadWait = TimeSpan.FromMinutes(2);

    /// <summary>The answering model's state, waiting for the first load attempt to end.</summary>
    public ModelState Current
    {
        get
        {
            if (service is ModelService loading && service.Readiness == ModelReadiness.Loading)
                loading.WhenSettledAsync().Wait(FirstLoadWait);
            return Snapshot();
        }
    }

    /// <summary>Like <see cref="Current"/> without blocking a thread.</summary>
    public async Task<ModelState> CurrentAsync(CancellationToken cancellationToken)
    {
        if (service is ModelService loading && service.Readiness == ModelReadiness.Loading)
            await loading.WhenSettledAsync(cancellationToken).WaitAsync(FirstLoadWait, cancellationToken);
        return Snapshot();
    }

    private ModelState Snapshot()
    {
        var generation = (service as ModelService)?.Current;
        return service.Readiness == ModelReadiness.Ready && service.AnsweringModel is { } id
            ? new ModelState(true, id, generation?.Model.Dimension ?? 0, null) { Variant = generation?.Variant }
            : new ModelState(false, null, 0, service.Problem ?? "The embedding model is still loading.");
    }
}
