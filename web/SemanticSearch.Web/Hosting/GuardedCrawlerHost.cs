using SemanticSearch.Crawler;
using SemanticSearch.Web.Diagnostics;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Runs the crawler's hosted service only when the embedding model loads. Without a model the crawler cannot be
/// built; the host then keeps serving status and admin pages and says how to get the model, rather than failing to
/// start. A crawler that stops with an error is logged and reported on <c>/health</c>, never lost. It starts only once
/// the server listens: a host that cannot bind its port must stop without having scanned anything.
/// </summary>
public sealed class GuardedCrawlerHost(IServiceProvider services, ModelAvailability model, ILogger<GuardedCrawlerHost> logger)
    : IHostedLifecycleService, IDisposable
{
    private CrawlerBackgroundService? _crawler;

    /// <summary>Why the background crawler is not running, or null while it runs (or was never needed).</summary>
    public string? Failure { get; private set; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every hosted service started, the web server included, so the port is bound by now.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var state = model.Current;
        if (!state.Available)
        {
            Failure = "The crawler is not running because the model is missing.";
            logger.LogError("The crawler is not started because the model is missing: {Problem}", state.Problem);
            return;
        }
        _crawler = ActivatorUtilities.CreateInstance<CrawlerBackgroundService>(services);
        await _crawler.StartAsync(cancellationToken);
        // The host only watches hosted services it started itself, so this one is watched here.
        _ = _crawler.ExecuteTask?.ContinueWith(task =>
        {
            Failure = "The background crawler stopped: " + task.Exception!.GetBaseException().Message;
            logger.LogCritical(task.Exception, "The background crawler stopped with an error; searches keep working on what is indexed");
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        _crawler?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _crawler?.Dispose();
}
