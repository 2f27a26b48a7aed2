using Microsoft.Extensions.Diagnostics.HealthChecks;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// Unhealthy when the catalog database cannot be read, or when the data folder cannot be written any more (made
/// read-only, a full disk): the crawler could no longer store anything, and that must not look healthy.
/// </summary>
public sealed class CatalogHealthCheck(ICatalogReader catalog, DataFolder folder) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stats = catalog.GetStats();
            var probe = Path.Combine(folder.Root, $".health-{Environment.ProcessId}.tmp");
            try
            {
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy(
                    $"The data folder {folder.Root} cannot be written ({e.Message}); indexing cannot store anything.", e));
            }
            return Task.FromResult(HealthCheckResult.Healthy($"{stats.Indexed} images indexed."));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The catalog cannot be read: " + e.Message, e));
        }
    }
}
