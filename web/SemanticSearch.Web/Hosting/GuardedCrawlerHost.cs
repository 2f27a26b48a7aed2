using SemanticSearch.Core.Models;
using SemanticSearch.Crawler;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Runs the crawler's hosted service once a model answers: at start, or later when the model is pulled while the
/// host runs. Until then the host serves status and admin pages and says how to get the model. A crawler that stops
/// with an error is logged and reported on <c>/health</c>, never lost. It starts only once the server listens: a host
/// that cannot bind its port must stop without having scanned anything.
/// </summary>
public sealed class GuardedCrawlerHost(IServiceProvider services, IModelService model, ILogger<GuardedCrawlerHost> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly Lock _lock = new();
    private CrawlerBackgroundService? _crawler;
    private bool _listening;
    private bool _stopped;

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
        if (model is Crawler.Models.ModelService loading)
            await loading.WhenSettledAsync(cancellationToken);
        lock (_lock)
            _listening = true;
        model.Changed += StartWhenReady;
        await StartIfReadyAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        model.Changed -= StartWhenReady;
        CrawlerBackgroundService? crawler;
        lock (_lock)
        {
            _stopped = true;
            crawler = _crawler;
        }
        if (crawler is not null)
            await crawler.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _crawler?.Dispose();

    private void StartWhenReady() => _ = StartIfReadyAsync(CancellationToken.None);

    private async Task StartIfReadyAsync(CancellationToken cancellationToken)
    {
        CrawlerBackgroundService crawler;
        lock (_lock)
        {
            if (!_listening || _stopped || _crawler is not null)
                return;
            if (model.Readiness != ModelReadiness.Ready)
            {
                Failure = "The crawler is not running because the model is missing.";
                logger.LogError("The crawler is not started because the model is missing: {Problem}", model.Problem);
                return;
            }
            _crawler = crawler = ActivatorUtilities.CreateInstance<CrawlerBackgroundService>(services);
            Failure = null;
        }
        await crawler.StartAsync(cancellationToken);
        // The host only watches hosted services it started itself, so this one is watched here.
        _ = crawler.ExecuteTask?.ContinueWith(task =>
        {
            Failure = "The background crawler stopped: " + task.Exception!.GetBaseException().Message;
            logger.LogCritical(task.Exception, "The background crawler stopped with an error; searches keep working on what is indexed");
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
