using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Models;
using SemanticSearch.Crawler.Pipeline;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler;

/// <summary>
/// Starts, joins, cancels and reports indexing runs for the CLI, the web admin and the hosted crawler. One run at a
/// time: a second request joins the running one. Watcher changes that arrive during a run are queued and indexed
/// right after it. Progress is published at most four times a second.
/// </summary>
public sealed class ReindexService : IReindexService, IDisposable
{
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait for the model's first load attempt (search waits as long).</summary>
    private static readonly TimeSpan FirstLoadWait = TimeSpan.FromMinutes(2);

    private readonly IndexingPipeline _pipeline;
    private readonly IModelService? _models;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Lock _publishGate = new();
    private readonly List<FolderChanges> _queuedChanges = [];
    private readonly CancellationTokenSource _disposed = new();
    private Task<CrawlRunSummary>? _current;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private CancellationTokenSource? _runCts;
    private ProgressTracker? _tracker;
    private ReindexMode _runningMode;
    private CrawlProgress _progress = CrawlProgress.Idle;
    private CrawlRunReport? _lastRun;

    /// <summary>Creates the service over the shared pipeline.</summary>
    /// <param name="models">When given, requests wait for its first load and are refused (with the reason) while no model answers.</param>
    public ReindexService(IndexingPipeline pipeline, ILogger<ReindexService>? logger = null, IModelService? models = null)
    {
        _pipeline = pipeline;
        _models = models;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public CrawlProgress Progress => Volatile.Read(ref _progress);

    /// <inheritdoc />
    public event Action<CrawlProgress>? ProgressChanged;

    /// <summary>The summary of the latest finished run, or null before the first.</summary>
    public CrawlRunSummary? LastSummary { get; private set; }

    /// <inheritdoc />
    public ReindexStartResult Start(ReindexMode mode) =>
        WithoutModel(mode) ?? Start(new CrawlRequest(mode)).Result;

    /// <summary>The refusal while no model answers (nothing could be embedded), else null.</summary>
    private ReindexStartResult? WithoutModel(ReindexMode mode)
    {
        // A request right after start waits for the first load, as search does, rather than being refused.
        if (_models is Models.ModelService { Readiness: ModelReadiness.Loading } loading)
            loading.WhenSettledAsync().Wait(FirstLoadWait);
        return _models is { Readiness: not ModelReadiness.Ready } models
            ? new ReindexStartResult(false, "Indexing waits until the model is installed and loaded: " + (models.Problem ?? "it is still loading."), mode)
            : null;
    }

    /// <summary>Starts a run for <paramref name="request"/>, or joins the one in progress.</summary>
    public (ReindexStartResult Result, Task<CrawlRunSummary> Run) Start(CrawlRequest request)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_current is { IsCompleted: false } running)
            {
                var what = _runningMode == ReindexMode.Full ? "A full rebuild" : "An incremental scan";
                return (new ReindexStartResult(false, $"{what} is already running; joined it.", _runningMode), running);
            }
            _runningMode = request.Mode;
            _runCts = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            _tracker = new ProgressTracker(request.Mode);
            var previousIdle = _idle;
            _idle = NewIdle(completed: false);
            if (!previousIdle.Task.IsCompleted)
            {
                // Waiters of an earlier run wait for this one too: idle means nothing left to do.
                _idle.Task.ContinueWith(_ => previousIdle.TrySetResult(), TaskScheduler.Default);
            }
            var tracker = _tracker;
            var cts = _runCts;
            // Visible at once: a caller that starts a run and reads Progress sees it running.
            Volatile.Write(ref _progress, tracker.Snapshot(CrawlState.Running) with { LastRun = _lastRun });
            _current = Task.Run(() => RunAsync(request, tracker, cts));
            _current.ContinueWith(_ => AfterRun(), TaskScheduler.Default);
            var message = request.Changes is not null ? "Indexing watched changes." :
                request.Mode == ReindexMode.Full ? "Full rebuild started." : "Incremental scan started.";
            return (new ReindexStartResult(true, message, request.Mode), _current);
        }
    }

    /// <inheritdoc />
    public ReindexStartResult RetryFailed(string? kind = null)
    {
        if (WithoutModel(ReindexMode.Incremental) is { } refused)
            return refused;
        var result = Start(new CrawlRequest(ReindexMode.Incremental) { RetryFailed = true, RetryKind = kind }).Result;
        if (!result.Started)
            return result with { Message = result.Message + " Failed images were not retried: ask again when it has finished." };
        var which = kind is null ? "failed images" : $"failed images of kind {kind}";
        return result with { Message = $"Retrying {which}: an incremental scan started." };
    }

    /// <summary>Starts (or joins) a run and waits for its summary; cancelling the token cancels the run.</summary>
    public async Task<CrawlRunSummary> RunAsync(CrawlRequest request, CancellationToken cancellationToken = default)
    {
        var (_, run) = Start(request);
        await using var registration = cancellationToken.Register(() => Cancel()).ConfigureAwait(false);
        return await run.ConfigureAwait(false);
    }

    /// <summary>Indexes a watcher's changes now, or right after the run in progress.</summary>
    public void QueueChanges(FolderChanges changes)
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
                return;
            _queuedChanges.Add(changes);
            if (_current is { IsCompleted: false })
                return; // Picked up when the current run ends.
        }
        StartQueuedChanges();
    }

    /// <inheritdoc />
    public bool Cancel()
    {
        ProgressTracker tracker;
        lock (_gate)
        {
            if (_current is not { IsCompleted: false } || _runCts is null)
                return false;
            _runCts.Cancel();
            tracker = _tracker!;
        }
        Publish(tracker, CrawlState.Cancelling);
        return true;
    }

    /// <inheritdoc />
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return _idle.Task.WaitAsync(cancellationToken);
    }

    private async Task<CrawlRunSummary> RunAsync(CrawlRequest request, ProgressTracker tracker, CancellationTokenSource cts)
    {
        using var timer = new PeriodicTimer(PublishInterval);
        var publisher = PublishWhileRunningAsync(tracker, cts, timer);
        CrawlRunSummary summary;
        try
        {
            Publish(tracker, CrawlState.Running);
            summary = await _pipeline.RunAsync(request, tracker, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The pipeline reports its own failures; this is a last resort so a run never ends without a summary.
            _logger.LogError(ex, "Indexing run crashed");
            summary = new CrawlRunSummary { Mode = request.Mode, Outcome = RunOutcome.Failed, Error = ex.Message, Timings = new StageTimings() };
        }
        timer.Dispose();
        await publisher.ConfigureAwait(false);
        lock (_gate)
        {
            LastSummary = summary;
            _runCts = null;
            cts.Dispose();
        }
        Publish(tracker, CrawlState.Idle, finished: true, summary);
        _logger.LogInformation("Indexing run {Outcome}: {Indexed} indexed, {Skipped} skipped, {Failed} failed, {Deleted} deleted in {Elapsed}",
            summary.Outcome, summary.Indexed, summary.Skipped, summary.Failed, summary.Deleted, summary.Elapsed);
        return summary;
    }

    /// <summary>Runs once a run's task has completed: start queued watcher changes, or become idle.</summary>
    private void AfterRun()
    {
        lock (_gate)
        {
            if (_current is { IsCompleted: false })
                return; // Someone already started the next run; its own completion decides.
            if (_queuedChanges.Count == 0 || _disposed.IsCancellationRequested)
            {
                _idle.TrySetResult();
                return;
            }
        }
        StartQueuedChanges();
    }

    private void StartQueuedChanges()
    {
        lock (_gate)
        {
            if (_queuedChanges.Count == 0 || _current is { IsCompleted: false })
                return;
            var changes = _queuedChanges.ToList();
            _queuedChanges.Clear();
            Start(new CrawlRequest(ReindexMode.Incremental) { Changes = changes });
        }
    }

    private async Task PublishWhileRunningAsync(ProgressTracker tracker, CancellationTokenSource cts, PeriodicTimer timer)
    {
        var published = -1L;
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var version = tracker.Version;
            if (version == published)
                continue;
            published = version;
            Publish(tracker, cts.IsCancellationRequested ? CrawlState.Cancelling : CrawlState.Running);
        }
    }

    /// <summary>
    /// Publishes one snapshot. Serialised, so listeners see snapshots in order, and a late "running" or "cancelling"
    /// snapshot can never land after the run's final one.
    /// </summary>
    private void Publish(ProgressTracker tracker, CrawlState state, bool finished = false, CrawlRunSummary? summary = null)
    {
        lock (_publishGate)
        {
            if (tracker.Finished)
                return;
            tracker.Finished = finished;
            var progress = tracker.Snapshot(state, finished ? DateTimeOffset.UtcNow : null);
            if (summary is not null)
                _lastRun = summary.ToReport(progress);
            // Every snapshot carries the previous run's outcome, so a new run does not hide how the last one ended.
            progress = progress with { LastRun = _lastRun };
            Volatile.Write(ref _progress, progress);
            var handlers = ProgressChanged;
            if (handlers is null)
                return;
            foreach (var handler in handlers.GetInvocationList().Cast<Action<CrawlProgress>>())
            {
                try { handler(progress); }
                catch (Exception ex) { _logger.LogWarning(ex, "A progress listener failed"); }
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
            tcs.SetResult();
        return tcs;
    }

    /// <summary>Cancels any run; queued watcher changes are dropped (the next start-up scan finds them).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
                return;
            _disposed.Cancel();
        }
        try { _current?.Wait(TimeSpan.FromSeconds(30)); }
        catch (AggregateException) { }
        _disposed.Dispose();
    }
}
