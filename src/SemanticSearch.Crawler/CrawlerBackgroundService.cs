using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler;

/// <summary>
/// The crawler inside a host (the web app): an incremental scan at start-up, another every RescanInterval, and
/// watchers on watched folder sources whose changes are indexed without a full scan. Stops with the application.
/// </summary>
public sealed class CrawlerBackgroundService : BackgroundService
{
    /// <summary>How often the list of watched sources is refreshed (sources may be added from the CLI meanwhile).</summary>
    private static readonly TimeSpan WatchRefresh = TimeSpan.FromSeconds(30);

    private readonly ReindexService _reindex;
    private readonly ICatalogStore _catalog;
    private readonly ConfiguredSourceSync _sourceSync;
    private readonly CrawlerOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<long, FolderWatcher> _watchers = [];

    /// <summary>Creates the service; started by the host.</summary>
    public CrawlerBackgroundService(
        ReindexService reindex,
        ICatalogStore catalog,
        ConfiguredSourceSync sourceSync,
        IOptions<CrawlerOptions> options,
        ILogger<CrawlerBackgroundService>? logger = null)
    {
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

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first (possibly long) scan.
        await Task.Yield();
        try
        {
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
            _logger.LogError(ex, "The background crawler stopped");
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
