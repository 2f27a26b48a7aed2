using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>Degraded (not unhealthy: status and admin still work) while the embedding model is missing.</summary>
public sealed class ModelHealthCheck(ModelAvailability model) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = model.Current;
        return Task.FromResult(state.Available
            ? HealthCheckResult.Healthy($"Model {state.ModelId} loaded.")
            : HealthCheckResult.Degraded(state.Problem));
    }
}
