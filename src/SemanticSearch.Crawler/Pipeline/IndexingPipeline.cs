using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Models;
using SemanticSearch.Crawler.Sources;
using SemanticSearch.Crawler.Web;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// One indexing run, the same for the hosted crawler and the CLI: bounded channels between
/// discover → change detection → N decode/preprocess workers → batched encoder → one writer, then the deletion pass
/// and a final index save. Bounded channels make a slow stage hold back the ones before it, so decoding never runs
/// far ahead of the model. Cancellation keeps finished work.
/// </summary>
public sealed class IndexingPipeline
{
    private readonly ICrawlCatalog _catalog;
    private readonly ICatalogWriter _writes;
    private readonly IEmbeddingModel _model;
    private readonly CrawlerOptions _options;
    private readonly ConfiguredSourceSync _sourceSync;
    private readonly DiscoveryStage _discovery;
    private readonly ChangeDetectionStage _changeDetection;
    private readonly ImageWorker _worker;
    private readonly EncoderStage _encoder;
    private readonly WriterStage _writer;
    private readonly DeletionPass _deletion;
    private readonly WorkCounter _counter;
    private readonly ILogger _logger;
    private readonly CrawlerRunGate? _runGate;

    internal IndexingPipeline(
        ICrawlCatalog catalog,
        ICatalogWriter writes,
        IEmbeddingModel model,
        IImageDecoder decoder,
        IImageEmbedder embedder,
        IThumbnailEncoder thumbnailEncoder,
        DecodeMemoryBudget decodeMemory,
        DataFolder dataFolder,
        CrawlerOptions options,
        ConfiguredSourceSync sourceSync,
        WebFetcher fetcher,
        ContentReader reader,
        ILoggerFactory loggers,
        CrawlerRunGate? runGate = null)
    {
        _runGate = runGate;
        _catalog = catalog;
        _writes = writes;
        _model = model;
        _options = options;
        _sourceSync = sourceSync;
        _logger = loggers.CreateLogger<IndexingPipeline>();
        _discovery = new DiscoveryStage(options, fetcher);
        var thumbnails = new ThumbnailStore(dataFolder, thumbnailEncoder, options.ThumbnailMaxSide);
        _changeDetection = new ChangeDetectionStage(catalog, thumbnails);
        _worker = new ImageWorker(catalog, decoder, decodeMemory, embedder, thumbnails, reader, fetcher, options, ArrayPool<float>.Shared, _logger);
        _encoder = new EncoderStage(embedder, options.BatchSize, ArrayPool<float>.Shared, _logger);
        _writer = new WriterStage(writes, options);
        _deletion = new DeletionPass(catalog, writes);
        _counter = new WorkCounter(options, catalog, thumbnails);
    }

    /// <summary>Runs to the end (or cancellation) and says what happened. Errors end up in the summary, not thrown.</summary>
    public Task<CrawlRunSummary> RunAsync(CrawlRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, new ProgressTracker(request.Mode), cancellationToken);

    internal async Task<CrawlRunSummary> RunAsync(CrawlRequest request, ProgressTracker progress, CancellationToken cancellationToken)
    {
        RunContext? run = null;
        long? runId = null;
        var outcome = RunOutcome.Completed;
        Exception? error = null;
        IDisposable? gate = null;
        try
        {
            // Held for the whole run: a model flip waits for it, so the run embeds and writes with one model.
            gate = _runGate is null ? null : await _runGate.EnterAsync(cancellationToken).ConfigureAwait(false);
            _sourceSync.EnsureSynced();
            // A different model than the catalog's: every image becomes Pending and the index starts empty.
            if (_writes.EnsureModel(_model.ModelId, _model.Dimension))
                _logger.LogInformation("Model changed to {Model} ({Dimension}); every image will be re-embedded", _model.ModelId, _model.Dimension);
            runId = _catalog.StartRun(request.Describe());
            using var runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            run = new RunContext(request, SelectSources(request), progress, runCts.Token);
            await RunStagesAsync(run, runCts).ConfigureAwait(false);
            progress.SetPhase("deleting");
            _deletion.Run(run);
            MarkScanned(run);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = RunOutcome.Cancelled;
        }
        catch (Exception ex)
        {
            outcome = RunOutcome.Failed;
            error = ex;
            _logger.LogError(ex, "Indexing run failed");
        }
        finally
        {
            progress.SetPhase("saving");
            try
            {
                _writes.Checkpoint();
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Saving the vector index failed");
                outcome = RunOutcome.Failed;
                error ??= ex;
            }
            if (runId is { } id)
            {
                var counts = new IndexRunCounts(progress.Discovered, progress.Indexed, progress.Failed, progress.Skipped, progress.Deleted);
                var text = outcome switch
                {
                    RunOutcome.Completed => "completed",
                    RunOutcome.Cancelled => "cancelled",
                    _ => "failed: " + error?.Message,
                };
                try { _catalog.FinishRun(id, text, counts); }
                catch (Exception ex) { _logger.LogError(ex, "Could not record the end of run {RunId}", id); }
            }
            gate?.Dispose();
        }
        return new CrawlRunSummary
        {
            Mode = request.Mode,
            Outcome = outcome,
            Error = error?.Message,
            Discovered = progress.Discovered,
            Indexed = progress.Indexed,
            Reused = progress.Reused,
            Skipped = progress.Skipped,
            Failed = progress.Failed,
            Deleted = progress.Deleted,
            Issues = progress.Issues,
            FailuresByKind = progress.FailuresByKind(),
            LastErrors = progress.Snapshot(CrawlState.Idle).LastErrors,
            Elapsed = progress.Elapsed,
            Timings = run?.Timings ?? new StageTimings(),
            Workers = _options.EffectiveWorkers,
            BatchSize = _options.BatchSize,
        };
    }

    /// <summary>Sources listed to the end in this run (not a watcher's few paths, not a source that was unavailable).</summary>
    private void MarkScanned(RunContext run)
    {
        if (run.Request.Changes is not null)
            return;
        _catalog.MarkSourcesScanned([.. run.Sources.Where(s => run.ReportFor(s.Id).Complete).Select(s => s.Id)]);
    }

    private List<CatalogSource> SelectSources(CrawlRequest request)
    {
        var all = _catalog.GetSources();
        var wanted = request.Changes?.Select(c => c.SourceId).ToHashSet() ?? request.SourceIds?.ToHashSet();
        return all.Where(s => wanted is null ? s.Enabled : wanted.Contains(s.Id)).ToList();
    }

    private async Task RunStagesAsync(RunContext run, CancellationTokenSource runCts)
    {
        var capacity = _options.QueueCapacity;
        var discovered = Bounded<DiscoveredItem>(capacity, singleWriter: true, singleReader: true);
        var work = Bounded<WorkItem>(capacity, singleWriter: true, singleReader: false);
        // Two batches in flight at most: decode stays just ahead of the model, never far ahead.
        var toEncode = Bounded<PreparedImage>(2 * _options.BatchSize, singleWriter: false, singleReader: true);
        var toWrite = Bounded<WriteItem>(capacity, singleWriter: false, singleReader: true);
        Exception? firstError = null;

        // Runs a stage and completes its output channel, with the stage's exception when it failed.
        async Task Guard(Func<Task> body, Action<Exception?>? completeOutput)
        {
            try
            {
                await body().ConfigureAwait(false);
                completeOutput?.Invoke(null);
            }
            catch (Exception ex)
            {
                if (ex is not OperationCanceledException)
                    Interlocked.CompareExchange(ref firstError, ex, null);
                completeOutput?.Invoke(ex);
                runCts.Cancel(); // One broken stage stops the others instead of leaving them blocked.
                throw;
            }
        }

        var count = _counter.RunAsync(run);
        var discover = Task.Run(() => Guard(() => _discovery.RunAsync(run, discovered.Writer), e => discovered.Writer.TryComplete(e)));
        var detect = Task.Run(() => Guard(() => _changeDetection.RunAsync(run, discovered.Reader, work.Writer), e => work.Writer.TryComplete(e)));
        var workers = Enumerable.Range(0, _options.EffectiveWorkers)
            .Select(_ => Task.Run(() => _worker.RunAsync(run, work.Reader, toEncode.Writer, toWrite.Writer)))
            .ToList();
        var workersDone = Guard(() => Task.WhenAll(workers), e => toEncode.Writer.TryComplete(e));
        var encode = Task.Run(() => _encoder.RunAsync(run, toEncode.Reader, toWrite.Writer));
        var encodeDone = Guard(async () =>
        {
            await encode.ConfigureAwait(false);
            await workersDone.ConfigureAwait(false);
        }, e => toWrite.Writer.TryComplete(e));
        var write = Task.Run(() => Guard(() => _writer.RunAsync(run, toWrite.Reader), null));
        try
        {
            await Task.WhenAll(discover, detect, workersDone, encodeDone, write).ConfigureAwait(false);
        }
        catch when (firstError is not null)
        {
            ExceptionDispatchInfo.Throw(firstError); // The root cause, not the cancellations it caused downstream.
        }
        finally
        {
            // Never left reading the catalog after the run; it stops at once when the run was cancelled.
            await count.ConfigureAwait(false);
        }
    }

    private static Channel<T> Bounded<T>(int capacity, bool singleWriter, bool singleReader) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = singleWriter,
            SingleReader = singleReader,
        });
}
