using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// Owns the live vector index and its file. The file is derived data: the catalog's embeddings are the truth.
/// Saves are atomic and the catalog records what a saved file contains only after the file is in place, so a crash
/// at any point leaves either the previous file and checkpoint, or a newer file that the catch-up replays over
/// idempotently. At start-up a file that is missing, damaged (length or SHA-256 differs from the checkpoint), of
/// another model, ahead of the catalog or inconsistent with it is rebuilt from SQLite without running the model.
/// </summary>
public sealed class VectorIndexStore : IVectorIndexStore, IDisposable
{
    private const int RebuildChunk = 4096;

    private readonly ICatalogStore _catalog;
    private readonly string _path;
    private readonly VectorIndexOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly TieredVectorIndex _index;
    private readonly BorrowedVectorIndex _lent;
    private readonly ImageFilterColumns _filters;
    private CatalogModel? _model;
    private long _applied;
    private SearchExpansionCalibration? _calibration;
    private bool _dirty;
    private bool _disposed;

    private VectorIndexStore(ICatalogStore catalog, string path, VectorIndexOptions options, bool readOnly, ILogger? logger, TimeProvider? time)
    {
        _catalog = catalog;
        _path = Path.GetFullPath(path);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        IsReadOnly = readOnly;
        var started = Stopwatch.GetTimestamp();
        // A prefix that ends inside file names is the one filter condition the columns cannot answer alone.
        _filters = new ImageFilterColumns(prefix => _catalog.FindIndexedIds(new SearchFilter(FolderPrefix: prefix), int.MaxValue));
        (_index, Recovery) = Recover();
        _lent = new BorrowedVectorIndex(_index);
        foreach (var (id, values) in _catalog.ReadFilterValues())
            _filters.Set(id, values);
        _index.Filters = _filters;
        Recovery = Recovery with { Took = Stopwatch.GetElapsedTime(started) };
        _logger.LogInformation("Vector index {Path}: {Kind} ({Reason}), {Count} vectors, {Applied} changes applied in {Took}",
            _path, Recovery.Kind, Recovery.Reason ?? "current", _index.Count, Recovery.Applied, Recovery.Took);
    }

    /// <summary>
    /// Opens the index at <paramref name="path"/> for the catalog's model, recovering as needed. A read-only store
    /// memory-maps a current file and never writes; it catches up in memory when the file is behind.
    /// </summary>
    public static VectorIndexStore Open(ICatalogStore catalog, string path, VectorIndexOptions? options = null,
        bool readOnly = false, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new VectorIndexOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        return new VectorIndexStore(catalog, path, options, readOnly, logger, time);
    }

    /// <summary>The live index, lent: disposing it does nothing, the store frees the index when it is disposed.</summary>
    public IVectorIndex Index => _lent;

    /// <summary>The live index with its HNSW and exact tiers (owned by the store: do not dispose).</summary>
    public TieredVectorIndex Tiers => _index;

    /// <summary>How the index was brought up to date when opened.</summary>
    public IndexRecovery Recovery { get; }

    /// <summary>True when opened read-only: no writes, no saves.</summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// The search expansion calibrated for <see cref="VectorIndexOptions.TargetRecall"/>; null while exact search
    /// answers, while the index is too small to measure, or when <see cref="VectorIndexOptions.ExpansionSearch"/> is set.
    /// </summary>
    public SearchExpansionCalibration? Calibration
    {
        get { lock (_gate) return _calibration; }
    }

    /// <summary>Path of the index file.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    public long AppliedSequence
    {
        get { lock (_gate) return _applied; }
    }

    /// <inheritdoc />
    public bool EnsureModel(string modelId, int dimension)
    {
        lock (_gate)
        {
            CheckWritable();
            var changed = _catalog.EnsureModel(modelId, dimension);
            if (!changed && _index.Dimension == dimension)
                return false;
            _index.Reset(dimension);
            _filters.Clear();
            _calibration = null;
            _model = new CatalogModel(modelId, dimension);
            _applied = _catalog.GetSequence();
            _dirty = true;
            CheckpointLocked();
            return changed;
        }
    }

    /// <inheritdoc />
    public void Apply(CatalogWriteResult changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            CheckWritable();
            if (changes.Sequence <= _applied)
                return; // already reflected (e.g. by a catch-up)
            if (changes.PreviousSequence != _applied)
            {
                // Someone else (another process) wrote in between: replay everything this index has not seen.
                CatchUpLocked();
                return;
            }
            foreach (var change in changes.Changes)
                ApplyOne(change);
            UpdateFilters(changes.Changes.Select(c => (c.Key, c.IsRemoval)).Concat(changes.MovedIds.Select(id => (id, false))));
            _applied = changes.Sequence;
            _dirty = true;
        }
    }

    /// <inheritdoc />
    public bool Checkpoint()
    {
        lock (_gate)
        {
            CheckWritable();
            return CheckpointLocked();
        }
    }

    /// <summary>Saves pending changes (shutdown) and frees the native index.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            if (!IsReadOnly && _dirty)
            {
                try
                {
                    CheckpointLocked();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or UsearchException or InvalidOperationException)
                {
                    // The next start catches up from the catalog; losing this save costs time, not data.
                    _logger.LogWarning(e, "Could not save the vector index on shutdown");
                }
            }
            _index.Dispose();
        }
    }

    private (TieredVectorIndex Index, IndexRecovery Recovery) Recover()
    {
        _model = _catalog.GetModel();
        _applied = _catalog.GetSequence();
        if (_model is null)
            return (NewIndex(0), new IndexRecovery(IndexRecoveryKind.Empty, "no model adopted yet", 0, TimeSpan.Zero));

        var checkpoint = _catalog.GetIndexCheckpoint();
        var reason = ProblemWith(checkpoint);
        UsearchVectorIndex? loaded = null;
        if (reason is null)
        {
            try
            {
                // A read-only store whose file is current can map it instead of reading it.
                var view = IsReadOnly && checkpoint!.Sequence == _applied;
                loaded = UsearchVectorIndex.Load(_path, _options, view);
                if (loaded.Dimension != _model.Dimension)
                    reason = $"the file holds {loaded.Dimension}-dimensional vectors, the model {_model.Dimension}";
                else if (loaded.Scalar != _options.Scalar)
                    reason = $"the file stores {loaded.Scalar} vectors, the settings ask for {_options.Scalar}";
            }
            catch (UsearchException e)
            {
                reason = "the file cannot be read: " + e.Message;
            }
        }
        if (reason is not null)
        {
            loaded?.Dispose();
            return Rebuild(reason);
        }

        var index = new TieredVectorIndex(loaded!, _options.ExactBelow);
        long replayed = 0;
        if (checkpoint!.Sequence < _applied)
        {
            foreach (var change in _catalog.ReadVectorChanges(checkpoint.Sequence))
            {
                if (change.IsRemoval) index.Remove(change.Key);
                else index.Add(change.Key, change.Vector);
                replayed++;
            }
        }
        // The cheapest consistency check there is: as many vectors as indexed images.
        var indexed = _catalog.GetStats().Indexed;
        if (index.Count != indexed)
        {
            index.Dispose();
            return Rebuild($"the file holds {index.Count} vectors after catch-up but the catalog has {indexed} indexed images");
        }
        if (ApplyCalibration(index.Hnsw) is { } uncalibrated)
        {
            index.Dispose();
            return Rebuild(uncalibrated);
        }
        index.SeedExact(IndexedVectors());
        if (replayed == 0)
            return (index, new IndexRecovery(IndexRecoveryKind.Loaded, null, 0, TimeSpan.Zero));
        _dirty = true;
        if (!IsReadOnly)
            SaveAndRecord(index);
        return (index, new IndexRecovery(IndexRecoveryKind.CaughtUp, $"the file was {_applied - checkpoint.Sequence} changes behind", replayed, TimeSpan.Zero));
    }

    private string? ProblemWith(IndexCheckpoint? checkpoint)
    {
        if (!File.Exists(_path))
            return "no index file";
        if (checkpoint is null)
            return "no checkpoint recorded for the file";
        if (checkpoint.ModelId != _model!.ModelId || checkpoint.Dimension != _model.Dimension)
            return $"the file is of model {checkpoint.ModelId} ({checkpoint.Dimension}), the catalog of {_model.ModelId} ({_model.Dimension})";
        if (checkpoint.Sequence > _applied)
            return $"the file claims change {checkpoint.Sequence} but the catalog is at {_applied}";
        var length = new FileInfo(_path).Length;
        if (checkpoint.FileLength is { } expected && expected != length)
            return $"the file has {length} bytes, {expected} were saved";
        if (checkpoint.FileSha256 is { } sha && !string.Equals(Sha256(_path), sha, StringComparison.OrdinalIgnoreCase))
            return "the file's SHA-256 differs from the one saved";
        return null;
    }

    private (TieredVectorIndex, IndexRecovery) Rebuild(string reason)
    {
        _logger.LogWarning("Rebuilding the vector index from the catalog: {Reason}", reason);
        var hnsw = new UsearchVectorIndex(_model!.Dimension, _options);
        var sequence = _catalog.GetSequence();
        long added = 0;
        var keys = new List<long>(RebuildChunk);
        var vectors = new float[RebuildChunk * _model.Dimension];
        // Calibrating needs queries the graph has never seen: they are left out until it is measured.
        var indexed = _catalog.GetStats().Indexed;
        var heldOut = NeedsCalibration(indexed)
            ? SearchExpansionCalibrator.HoldOut(IndexedVectors(), indexed, _options.CalibrationQueries, _model.Dimension)
            : [];
        var heldOutKeys = heldOut.Select(x => x.Key).ToHashSet();
        foreach (var (key, vector) in IndexedVectors())
        {
            if (heldOutKeys.Contains(key))
                continue;
            vector.CopyTo(vectors, keys.Count * _model.Dimension);
            keys.Add(key);
            if (keys.Count == RebuildChunk)
                Flush();
        }
        Flush();
        if (heldOut.Count > 0)
        {
            Calibrate(hnsw, heldOut, indexed);
            foreach (var (key, vector) in heldOut)
            {
                vector.CopyTo(vectors, keys.Count * _model.Dimension);
                keys.Add(key);
            }
            Flush();
        }
        _applied = sequence;
        var tiered = new TieredVectorIndex(hnsw, _options.ExactBelow);
        tiered.SeedExact(IndexedVectors());
        _dirty = true;
        if (!IsReadOnly)
            SaveAndRecord(tiered);
        return (tiered, new IndexRecovery(IndexRecoveryKind.Rebuilt, reason, added, TimeSpan.Zero));

        void Flush()
        {
            if (keys.Count == 0)
                return;
            // Bulk insert on all cores: rebuilding a large collection is the slow path worth parallelising.
            hnsw.AddRange(keys, vectors.AsMemory(0, keys.Count * _model.Dimension));
            added += keys.Count;
            keys.Clear();
        }
    }

    private IEnumerable<KeyValuePair<long, float[]>> IndexedVectors()
    {
        foreach (var change in _catalog.ReadVectorChanges(0))
        {
            if (change.Vector is { } vector)
                yield return new(change.Key, vector);
        }
    }

    private void CatchUpLocked()
    {
        var target = _catalog.GetSequence();
        var changed = new List<(long, bool)>();
        foreach (var change in _catalog.ReadVectorChanges(_applied))
        {
            ApplyOne(change);
            changed.Add((change.Key, change.IsRemoval));
        }
        UpdateFilters(changed);
        _applied = target;
        _dirty = true;
    }

    private void ApplyOne(VectorChange change)
    {
        if (change.Vector is { } vector)
            _index.Add(change.Key, vector);
        else
            _index.Remove(change.Key);
    }

    /// <summary>
    /// Keeps the filter columns in step with the catalog: removals forgotten, written and moved images re-read (only
    /// indexed ones come back, so a moved image that is not indexed stays out).
    /// </summary>
    private void UpdateFilters(IEnumerable<(long Key, bool IsRemoval)> changes)
    {
        var written = new List<long>();
        foreach (var (key, isRemoval) in changes)
        {
            if (isRemoval)
                _filters.Remove(key);
            else
                written.Add(key);
        }
        foreach (var chunk in written.Chunk(RebuildChunk))
        {
            foreach (var (id, values) in _catalog.ReadFilterValues(chunk))
                _filters.Set(id, values);
        }
    }

    private bool CheckpointLocked()
    {
        if (!_dirty || _model is null || _index.Dimension == 0)
            return false;
        SaveAndRecord(_index);
        return true;
    }

    /// <summary>True when searches of <paramref name="count"/> vectors go through HNSW with a calibrated expansion.</summary>
    private bool NeedsCalibration(long count) =>
        _options.ExpansionSearch is null && count > Math.Max(_options.ExactBelow, 10L * (SearchExpansionCalibrator.K + 1));

    /// <summary>
    /// Applies the recorded calibration when it still fits the loaded index; returns why the index must be rebuilt to
    /// be calibrated otherwise (held-out vectors must be left out of the graph, which only a build can do). A
    /// read-only store never rebuilds for this: it searches with the uncalibrated expansion instead.
    /// </summary>
    private string? ApplyCalibration(UsearchVectorIndex hnsw)
    {
        var count = hnsw.Count;
        if (!NeedsCalibration(count))
            return null;
        var stored = SearchExpansionCalibration.Read(SearchExpansionCalibration.PathFor(_path));
        if (stored is not null && stored.Fits(_model!.ModelId, _model.Dimension, hnsw.Scalar, _options, count))
        {
            hnsw.ExpansionSearch = stored.ExpansionSearch;
            _calibration = stored;
            return null;
        }
        if (IsReadOnly)
            return null;
        return stored is null
            ? $"the search expansion is not calibrated for recall {_options.TargetRecall} yet"
            : $"the search expansion is not calibrated for recall {_options.TargetRecall} at {count} vectors with these settings "
              + $"(it was for recall {stored.TargetRecall} at {stored.Count} vectors, {stored.Scalar})";
    }

    /// <summary>Measures the expansion on the held-out vectors and records it next to the index file.</summary>
    private void Calibrate(UsearchVectorIndex hnsw, List<(long Key, float[] Vector)> heldOut, long count)
    {
        var started = Stopwatch.GetTimestamp();
        var (ef, recall) = SearchExpansionCalibrator.Calibrate(hnsw, heldOut, IndexedVectors(), _options.TargetRecall);
        _calibration = new SearchExpansionCalibration(ef, Math.Round(recall, 4), _options.TargetRecall, count, heldOut.Count,
            _model!.ModelId, _model.Dimension, hnsw.Scalar, _options.Connectivity, _options.ExpansionAdd, _time.GetUtcNow());
        _logger.LogInformation("Vector index calibrated: expansion {Ef} finds {Recall:P1} of the exact top 10 (target {Target:P1}) for {Queries} held-out vectors of {Count}, in {Took}",
            ef, recall, _options.TargetRecall, heldOut.Count, count, Stopwatch.GetElapsedTime(started));
        if (IsReadOnly)
            return;
        try
        {
            _calibration.Write(SearchExpansionCalibration.PathFor(_path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Costs a rebuild at the next start, nothing else.
            _logger.LogWarning(e, "Could not record the vector index calibration");
        }
    }

    private void SaveAndRecord(TieredVectorIndex index)
    {
        index.Save(_path);
        var checkpoint = new IndexCheckpoint(_applied, _model!.ModelId, _model.Dimension, _time.GetUtcNow())
        {
            FileLength = new FileInfo(_path).Length,
            FileSha256 = Sha256(_path),
        };
        // Only now, with the file durably renamed into place, may the catalog say what it contains.
        _catalog.SetIndexCheckpoint(checkpoint);
        _dirty = false;
    }

    private TieredVectorIndex NewIndex(int dimension) =>
        new(new UsearchVectorIndex(dimension, _options), _options.ExactBelow);

    private void CheckWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsReadOnly)
            throw new InvalidOperationException("This vector index store was opened read-only.");
    }

    private static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
