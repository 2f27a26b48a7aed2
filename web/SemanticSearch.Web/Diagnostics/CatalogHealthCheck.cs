using Microsoft.Extensions.Diagnostics.HealthChecks;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>Unhealthy when the catalog database cannot be read.</summary>
public sealed class CatalogHealthCheck(ICatalogStore catalog) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stats = catalog.GetStats();
            return Task.FromResult(HealthCheckResult.Healthy($"{stats.Indexed} images indexed."));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The catalog cannot be read: " + e.Message, e));
        }
    }
}
