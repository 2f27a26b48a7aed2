using System.Diagnostics;
using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// The live counters of one run, updated lock-free by every stage, turned into immutable <see cref="CrawlProgress"/>
/// snapshots on demand. The rate is measured over a sliding window so it follows the current speed, not the average.
/// </summary>
internal sealed class ProgressTracker(ReindexMode mode)
{
    private const int MaxErrors = 20;
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly LinkedList<CrawlFailure> _errors = new();
    private readonly Dictionary<string, long> _failuresByKind = new(StringComparer.Ordinal);
    private readonly Queue<(long Timestamp, long Done)> _samples = new();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private long _discovered, _queued, _lateSkipped, _skipped, _indexed, _reused, _failed, _deleted, _issues;
    private long _version;
    private long _counted = -1;
    private volatile bool _detectionDone;
    private volatile bool _finished;
    private string _phase = "discovering";
    private string? _current;

    public ReindexMode Mode { get; } = mode;

    /// <summary>Set once the run's final snapshot was published; later snapshots are stale.</summary>
    public bool Finished
    {
        get => _finished;
        set => _finished = value;
    }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Changes on every update, so a publisher can tell whether anything happened since its last snapshot.</summary>
    public long Version => Interlocked.Read(ref _version);

    public long Discovered => Interlocked.Read(ref _discovered);
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Indexed => Interlocked.Read(ref _indexed);
    public long Reused => Interlocked.Read(ref _reused);
    public long Failed => Interlocked.Read(ref _failed);
    public long Deleted => Interlocked.Read(ref _deleted);
    public long Issues => Interlocked.Read(ref _issues);
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    public void OnDiscovered() => Bump(ref _discovered);

    /// <summary>An item passed change detection and needs work: from now on images are being indexed.</summary>
    public void OnQueued()
    {
        _phase = "indexing";
        Bump(ref _queued);
    }

    /// <summary>The images this run will work on, counted ahead of change detection (see <c>WorkCounter</c>).</summary>
    public void OnCounted(long toProcess)
    {
        Interlocked.Exchange(ref _counted, toProcess);
        Interlocked.Increment(ref _version);
    }

    /// <summary>Change detection has seen every discovered item: the amount of work is known.</summary>
    public void OnDetectionDone()
    {
        _detectionDone = true;
        _phase = "indexing";
        Interlocked.Increment(ref _version);
    }

    /// <summary>Nothing to do: unchanged. <paramref name="afterQueueing"/> when a worker found it out (web, same hash).</summary>
    public void OnSkipped(bool afterQueueing)
    {
        if (afterQueueing)
            Interlocked.Increment(ref _lateSkipped);
        Bump(ref _skipped);
    }

    public void OnIndexed(bool reused)
    {
        if (reused)
            Interlocked.Increment(ref _reused);
        Bump(ref _indexed);
    }

    public void OnDeleted(int count)
    {
        Interlocked.Add(ref _deleted, count);
        Interlocked.Increment(ref _version);
    }

    public void OnFailed(CrawlFailure failure)
    {
        Interlocked.Increment(ref _failed);
        lock (_gate)
            _failuresByKind[failure.Kind] = _failuresByKind.GetValueOrDefault(failure.Kind) + 1;
        AddError(failure);
    }

    /// <summary>A problem that is not an image (unreadable folder, failed page): shown, not counted as a failed image.</summary>
    public void OnIssue(CrawlFailure issue)
    {
        Interlocked.Increment(ref _issues);
        AddError(issue);
    }

    public void SetPhase(string phase)
    {
        _phase = phase;
        Interlocked.Increment(ref _version);
    }

    public void SetCurrent(string location)
    {
        _current = location;
        Interlocked.Increment(ref _version);
    }

    public IReadOnlyDictionary<string, long> FailuresByKind()
    {
        lock (_gate)
            return new Dictionary<string, long>(_failuresByKind, StringComparer.Ordinal);
    }

    public CrawlProgress Snapshot(CrawlState state, DateTimeOffset? finishedAt = null)
    {
        var indexed = Indexed;
        var failed = Failed;
        var done = indexed + failed;
        long? toProcess = ToProcess(done);
        var rate = Rate(done);
        TimeSpan? eta = toProcess is { } total && rate > 0 && finishedAt is null
            ? TimeSpan.FromSeconds(Math.Max(0, total - done) / rate)
            : null;
        CrawlFailure[] errors;
        lock (_gate)
            errors = [.. _errors];
        return new CrawlProgress
        {
            State = state,
            Mode = Mode,
            Phase = finishedAt is null ? _phase : "idle",
            Discovered = Discovered,
            Processed = indexed + failed + Skipped,
            Indexed = indexed,
            Failed = failed,
            Skipped = Skipped,
            Deleted = Deleted,
            ToProcess = toProcess,
            ImagesPerSecond = rate,
            Eta = eta,
            CurrentItem = finishedAt is null ? _current : null,
            StartedAt = StartedAt,
            FinishedAt = finishedAt,
            LastErrors = errors,
        };
    }

    /// <summary>
    /// Exact once change detection has seen everything; before that the count made ahead of the run, less what the
    /// workers found unchanged by hash; never below what is already done, so the bar does not run backwards past 100 %.
    /// </summary>
    private long? ToProcess(long done)
    {
        var lateSkipped = Interlocked.Read(ref _lateSkipped);
        if (_detectionDone)
            return Math.Max(done, Interlocked.Read(ref _queued) - lateSkipped);
        var counted = Interlocked.Read(ref _counted);
        return counted < 0 ? null : Math.Max(done, counted - lateSkipped);
    }

    private double Rate(long done)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _samples.Enqueue((now, done));
            while (_samples.Count > 2 && Stopwatch.GetElapsedTime(_samples.Peek().Timestamp, now) > RateWindow)
                _samples.Dequeue();
            var (oldTimestamp, oldDone) = _samples.Peek();
            var window = Stopwatch.GetElapsedTime(oldTimestamp, now).TotalSeconds;
            if (window < 1)
            {
                // Too short a window to be meaningful: fall back to the run's average so far.
                var elapsed = Elapsed.TotalSeconds;
                return elapsed > 0 ? done / elapsed : 0;
            }
            return (done - oldDone) / window;
        }
    }

    private void AddError(CrawlFailure failure)
    {
        lock (_gate)
        {
            _errors.AddFirst(failure);
            if (_errors.Count > MaxErrors)
                _errors.RemoveLast();
        }
        Interlocked.Increment(ref _version);
    }

    private void Bump(ref long counter)
    {
        Interlocked.Increment(ref counter);
        Interlocked.Increment(ref _version);
    }
}
