using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Models;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler;

/// <summary>
/// The crawler inside a host (the web app): an incremental scan at start-up, another every RescanInterval, and
/// watchers on watched folder sources whose changes are indexed without a full scan. Stops with the application.
/// In a host it starts once the host has started (the server listens, so a host that cannot bind its port stops
/// without having scanned anything) and, with a model service, once a model answers: at start, or when the model is
/// pulled while the host runs.
/// </summary>
public sealed class CrawlerBackgroundService : BackgroundService
{
    /// <summary>How often the list of watched sources is refreshed (sources may be added from the CLI meanwhile).</summary>
    private static readonly TimeSpan WatchRefresh = TimeSpan.FromSeconds(30);

    private readonly ReindexService _reindex;
    private readonly ICatalogReader _catalog;
    private readonly ConfiguredSourceSync _sourceSync;
    private readonly CrawlerOptions _options;
    private readonly ILogger _logger;
    private readonly IModelService? _models;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly Dictionary<long, FolderWatcher> _watchers = [];

    /// <summary>Creates the service; started by the host.</summary>
    public CrawlerBackgroundService(
        ReindexService reindex,
        ICatalogReader catalog,
        ConfiguredSourceSync sourceSync,
        IOptions<CrawlerOptions> options,
        ILogger<CrawlerBackgroundService>? logger = null,
        IModelService? models = null,
        IHostApplicationLifetime? lifetime = null)
    {
        _models = models;
        _lifetime = lifetime;
        _reindex = reindex;
        _catalog = catalog;
        _sourceSync = sourceSync;
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Folder sources currently watched (for tests and the admin page).</summary>
    public IReadOnlyCollection<long> WatchedSources
    {
        get { lock (_watchers) return [.. _watchers.Keys]; }
    }

    /// <summary>Why the crawler is not running (no model yet, or it stopped with an error), or null while it runs.</summary>
    public string? Failure { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first (possibly long) scan.
        await Task.Yield();
        try
        {
            if (_lifetime is not null)
                await WhenSignalledAsync(_lifetime.ApplicationStarted, stoppingToken).ConfigureAwait(false);
            if (_models is not null)
                await WhenModelAnswersAsync(_models, stoppingToken).ConfigureAwait(false);
            _sourceSync.EnsureSynced();
            RefreshWatchers();
            if (_options.ScanOnStartup)
                _logger.LogInformation("{Message}", _reindex.Start(ReindexMode.Incremental).Message);
            var rescan = _options.RescanInterval is { } r && r > TimeSpan.Zero ? r : (TimeSpan?)null;
            var nextRescan = rescan is { } first ? DateTime.UtcNow + first : DateTime.MaxValue;
            var tick = rescan is { } every && every < WatchRefresh ? every : WatchRefresh;
            using var timer = new PeriodicTimer(tick);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                RefreshWatchers();
                if (rescan is { } interval && DateTime.UtcNow >= nextRescan)
                {
                    nextRescan = DateTime.UtcNow + interval;
                    _logger.LogInformation("Periodic rescan: {Message}", _reindex.Start(ReindexMode.Incremental).Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The web app keeps serving searches without the crawler. Rethrown so the task faults and whoever
            // runs this service (the web host's guard) reports it on /health; swallowing it hid the crash.
            Failure = "The background crawler stopped: " + ex.GetBaseException().Message;
            _logger.LogCritical(ex, "The background crawler stopped with an error; searches keep working on what is indexed");
            throw;
        }
        finally
        {
            StopWatchers();
            _reindex.Cancel();
            try { await _reindex.WaitForIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false); }
            catch (TimeoutException) { _logger.LogWarning("The indexing run did not stop within 30 s"); }
        }
    }

    private static async Task WhenSignalledAsync(CancellationToken signal, CancellationToken stoppingToken)
    {
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (signal.Register(() => signalled.TrySetResult()))
            await signalled.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the model service has a model that answers; says why meanwhile (on /health).</summary>
    private async Task WhenModelAnswersAsync(IModelService models, CancellationToken stoppingToken)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reported = false;
        void Check()
        {
            if (models.Readiness == ModelReadiness.Ready)
            {
                ready.TrySetResult();
            }
            else if (models.Readiness != ModelReadiness.Loading)
            {
                Failure = "The crawler is not running because the model is missing.";
                if (!reported)
                    _logger.LogError("The crawler waits for the model, which is missing: {Problem}", models.Problem);
                reported = true;
            }
        }
        models.Changed += Check;
        try
        {
            Check();
            await ready.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            Failure = null;
        }
        finally
        {
            models.Changed -= Check;
        }
    }

    private void RefreshWatchers()
    {
        var wanted = _catalog.GetSources()
            .Where(s => s.Enabled && s.Watch && s.Kind == SourceKind.Folder)
            .ToDictionary(s => s.Id);
        lock (_watchers)
        {
            foreach (var id in _watchers.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
            {
                _watchers[id].Dispose();
                _watchers.Remove(id);
            }
            foreach (var source in wanted.Values)
            {
                if (_watchers.ContainsKey(source.Id) || !Directory.Exists(source.Location))
                    continue;
                try
                {
                    _watchers[source.Id] = new FolderWatcher(source.Id, source.Location, _options.WatchDebounce, _reindex.QueueChanges);
                    _logger.LogInformation("Watching {Folder} for changes", source.Location);
                }
                catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
                {
                    _logger.LogWarning(ex, "Cannot watch {Folder}", source.Location);
                }
            }
        }
    }

    private void StopWatchers()
    {
        lock (_watchers)
        {
            foreach (var watcher in _watchers.Values)
                watcher.Dispose();
            _watchers.Clear();
        }
    }
}
