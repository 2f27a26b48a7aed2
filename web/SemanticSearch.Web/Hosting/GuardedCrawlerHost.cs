using SemanticSearch.Crawler;
using SemanticSearch.Web.Diagnostics;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Runs the crawler's hosted service only when the embedding model loads. Without a model the crawler cannot be
/// built; the host then keeps serving status and admin pages and says how to get the model, rather than failing to
/// start.
/// </summary>
public sealed class GuardedCrawlerHost(IServiceProvider services, ModelAvailability model, ILogger<GuardedCrawlerHost> logger)
    : IHostedService, IDisposable
{
    private CrawlerBackgroundService? _crawler;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var state = model.Current;
        if (!state.Available)
        {
            logger.LogError("The crawler is not started because the model is missing: {Problem}", state.Problem);
            return Task.CompletedTask;
        }
        _crawler = ActivatorUtilities.CreateInstance<CrawlerBackgroundService>(services);
        return _crawler.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        _crawler?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _crawler?.Dispose();
}
