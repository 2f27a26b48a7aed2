using Microsoft.Extensions.Diagnostics.HealthChecks;
using SemanticSearch.Crawler;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>Degraded while the background crawler is not running (no model, or it stopped with an error).</summary>
public sealed class CrawlerHealthCheck(CrawlerBackgroundService crawler) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(crawler.Failure is { } failure ? HealthCheckResult.Degraded(failure) : HealthCheckResult.Healthy("The crawler is running."));
}
