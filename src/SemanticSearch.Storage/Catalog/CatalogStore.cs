using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// The SQLite catalog. WAL mode lets readers (each on its own pooled connection) run beside the one writer
/// connection, which a lock serialises. <c>synchronous=FULL</c>: a committed batch survives power loss too, so the
/// crawler never has to redo work it was told is stored. The schema is migrated when the store opens.
/// </summary>
public sealed class CatalogStore : ICatalogStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <summary>Opens (creating if needed) the catalog at <paramref name="databasePath"/> and migrates its schema.</summary>
    public CatalogStore(string databasePath, TimeProvider? time = null)
        : this(databasePath, CatalogMigrations.All, time)
    {
    }

    /// <summary>Opens with a given migration list (tests use a prefix to create an older schema).</summary>
    internal CatalogStore(string databasePath, IReadOnlyList<CatalogMigration> migrations, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        if (CatalogFileProblems.Inspect(DatabasePath) is { } problem)
            throw CatalogFileProblems.Damaged(DatabasePath, problem);
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            _writer = Open();
        }
        catch (SqliteException e) when (CatalogFileProblems.Explain(DatabasePath, e) is { } explained)
        {
            throw explained;
        }
        try
        {
            using (var wal = _writer.Command("PRAGMA journal_mode = WAL"))
                wal.ExecuteNonQuery();
            SchemaVersion = SchemaMigrator.Migrate(_writer, migrations);
        }
        catch (Exception e)
        {
            _writer.Dispose();
            SqliteConnection.ClearPool(_writer);
            if (e is SqliteException sqlite && CatalogFileProblems.Explain(DatabasePath, sqlite) is { } explained)
                throw explained;
            throw;
        }
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version after migration.</summary>
    public int SchemaVersion { get; }

    // ---- Sources ----

    /// <inheritdoc />
    public IReadOnlyList<CatalogSource> GetSources() => Read(c => SourceScanTable.WithLastScans(c, SourceTable.GetAll(c)));

    /// <inheritdoc />
    public CatalogSource? GetSource(long id) => Read(c => SourceTable.Get(c, id) is { } source ? SourceScanTable.WithLastScans(c, [source])[0] : null);

    /// <inheritdoc />
    public CatalogSource AddSource(CatalogSource source) => StoreSource(source, keepRemoved: false)!;

    /// <inheritdoc />
    public CatalogSource? AddConfiguredSource(CatalogSource source) => StoreSource(source, keepRemoved: true);

    /// <inheritdoc />
    public CatalogWriteResult RemoveSource(long id) => Write((connection, transaction) =>
    {
        var previous = CatalogStateTable.GetSequence(connection, transaction);
        var source = SourceTable.Get(connection, id, transaction);
        if (source is null || !SourceTable.Delete(connection, transaction, id))
            return CatalogWriteResult.Unchanged(previous);
        var now = _time.GetUtcNow();
        RemovedSourceTable.Record(connection, transaction, source.Kind, source.Location, now);
        var sequence = CatalogStateTable.NextSequence(connection, transaction);
        var writer = new ImageWriter(connection, transaction, sequence, now);
        writer.MarkSourceDeleted(id);
        return new CatalogWriteResult(previous, sequence, writer.Changes, []);
    });

    private CatalogSource? StoreSource(CatalogSource source, bool keepRemoved)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(source.Location);
        // Normalised here too, so no caller can store a second spelling of a location it already has.
        var stored = source with { Location = SourceLocation.Normalise(source.Kind, source.Location) };
        return Write((connection, transaction) =>
        {
            if (keepRemoved && RemovedSourceTable.Contains(connection, transaction, stored.Kind, stored.Location))
                return null;
            RemovedSourceTable.Forget(connection, transaction, stored.Kind, stored.Location);
            var id = SourceTable.Upsert(connection, transaction, stored, _time.GetUtcNow());
            return SourceTable.Get(connection, id, transaction);
        });
    }

    // ---- Model ----

    /// <inheritdoc />
    public CatalogModel? GetModel() => Read(c => CatalogStateTable.GetModel(c));

    /// <inheritdoc />
    public bool EnsureModel(string modelId, int dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var wanted = new CatalogModel(modelId, dimension);
        return Write((connection, transaction) =>
        {
            var stored = CatalogStateTable.GetModel(connection, transaction);
            if (stored == wanted)
                return false;
            var now = _time.GetUtcNow();
            var sequence = CatalogStateTable.NextSequence(connection, transaction);
            new ImageWriter(connection, transaction, sequence, now).MarkAllPending();
            CatalogStateTable.SetModel(connection, transaction, wanted, now);
            CatalogStateTable.ClearCheckpoint(connection, transaction);
            return true;
        });
    }

    // ---- Change detection ----

    /// <inheritdoc />
    public IReadOnlyDictionary<string, KnownImage> GetKnownImages(long sourceId) => Read(c => ImageTable.GetKnown(c, sourceId));

    /// <inheritdoc />
    public IReadOnlyList<CatalogImage> FindIndexedByContentHash(string contentHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentHash);
        return Read(c => ImageTable.FindIndexedByHash(c, contentHash));
    }

    /// <inheritdoc />
    public CatalogWriteResult WriteBatch(CatalogBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Write((connection, transaction) =>
        {
            var previous = CatalogStateTable.GetSequence(connection, transaction);
            if (batch.IsEmpty)
                return CatalogWriteResult.Unchanged(previous);
            var model = CatalogStateTable.GetModel(connection, transaction);
            if (batch.Indexed.Count > 0 && model is null)
                throw new ArgumentException("No catalog model is set; call EnsureModel before storing embeddings.", nameof(batch));
            var sequence = CatalogStateTable.NextSequence(connection, transaction);
            var writer = new ImageWriter(connection, transaction, sequence, _time.GetUtcNow());
            // Moves first: a file may move onto a location that this batch also reports.
            foreach (var move in batch.Moved)
                writer.Move(move);
            var indexedIds = new List<long>(batch.Indexed.Count);
            foreach (var image in batch.Indexed)
                indexedIds.Add(writer.UpsertIndexed(image, model!));
            foreach (var failure in batch.Failed)
                writer.UpsertFailed(failure);
            foreach (var id in batch.Deleted)
                writer.MarkDeleted(id);
            foreach (var touch in batch.Touched)
                writer.Touch(touch);
            return new CatalogWriteResult(previous, sequence, writer.Changes, indexedIds) { MovedIds = writer.MovedIds };
        });
    }

    // ---- Reads for search ----

    /// <inheritdoc />
    public CatalogImage? GetImage(long id) => Read(c => ImageTable.Get(c, id));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, CatalogImage> GetImages(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? new Dictionary<long, CatalogImage>() : Read(c => ImageTable.GetMany(c, ids));
    }

    /// <inheritdoc />
    public float[]? GetEmbedding(long id) => Read(c => ImageTable.GetEmbedding(c, id));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, float[]> GetEmbeddings(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? new Dictionary<long, float[]>() : Read(c => ImageTable.GetEmbeddings(c, ids));
    }

    /// <inheritdoc />
    public IReadOnlyList<long> FindIndexedIds(SearchFilter filter, int max)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return Read(c => ImageTable.FindIndexedIds(c, filter, max));
    }

    // ---- Vector index recovery ----

    /// <inheritdoc />
    public long GetSequence() => Read(c => CatalogStateTable.GetSequence(c));

    /// <inheritdoc />
    public IEnumerable<VectorChange> ReadVectorChanges(long afterSequence)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var connection = Open();
        // One SELECT reads one WAL snapshot for the whole stream, however long the caller takes.
        foreach (var change in ImageTable.ReadVectorChanges(connection, afterSequence))
            yield return change;
    }

    /// <inheritdoc />
    public IEnumerable<KeyValuePair<long, ImageFilterValues>> ReadFilterValues(IReadOnlyCollection<long>? ids = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ids is { Count: 0 })
            yield break;
        using var connection = Open();
        foreach (var row in ImageTable.ReadFilterValues(connection, ids))
            yield return row;
    }

    /// <inheritdoc />
    public IndexCheckpoint? GetIndexCheckpoint() => Read(CatalogStateTable.GetCheckpoint);

    /// <inheritdoc />
    public void SetIndexCheckpoint(IndexCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Write((connection, transaction) =>
        {
            CatalogStateTable.SetCheckpoint(connection, transaction, checkpoint);
            return true;
        });
    }

    // ---- Stats, runs, failures ----

    /// <inheritdoc />
    public CatalogStats GetStats() => Read(connection =>
    {
        var (byStatus, byKind) = ImageTable.Counts(connection);
        return new CatalogStats
        {
            Sources = SourceTable.Count(connection),
            Pending = byStatus.GetValueOrDefault(ImageStatus.Pending),
            Indexed = byStatus.GetValueOrDefault(ImageStatus.Indexed),
            Failed = byStatus.GetValueOrDefault(ImageStatus.Failed),
            Deleted = byStatus.GetValueOrDefault(ImageStatus.Deleted),
            FailuresByKind = byKind,
            Model = CatalogStateTable.GetModel(connection),
            Sequence = CatalogStateTable.GetSequence(connection),
            Checkpoint = CatalogStateTable.GetCheckpoint(connection),
            DatabaseBytes = FileLength(DatabasePath) + FileLength(DatabasePath + "-wal"),
        };
    });

    /// <inheritdoc />
    public long StartRun(string mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        return Write((connection, transaction) => RunTable.Start(connection, transaction, mode, _time.GetUtcNow()));
    }

    /// <inheritdoc />
    public void FinishRun(long runId, string outcome, IndexRunCounts counts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        ArgumentNullException.ThrowIfNull(counts);
        Write((connection, transaction) =>
        {
            RunTable.Finish(connection, transaction, runId, outcome, counts, _time.GetUtcNow());
            return true;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<IndexRun> GetRecentRuns(int limit) => Read(c => RunTable.Recent(c, limit));

    /// <inheritdoc />
    public IReadOnlyList<CatalogImage> GetRecentFailures(int limit) => Read(c => ImageTable.RecentFailures(c, limit));

    /// <inheritdoc />
    public IReadOnlyList<CatalogFolder> GetFolders(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return Read(c => FolderCounts.Read(c, max));
    }

    /// <inheritdoc />
    public IReadOnlyList<CatalogImage> GetRecentFailures(int limit, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return Read(c => ImageTable.RecentFailures(c, limit, kind));
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<long, SourceImageCounts> GetSourceImageCounts() => Read(SourceTable.ImageCounts);

    /// <inheritdoc />
    public void MarkSourcesScanned(IReadOnlyCollection<long> sourceIds)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        if (sourceIds.Count == 0)
            return;
        Write((connection, transaction) =>
        {
            SourceScanTable.MarkScanned(connection, transaction, sourceIds, _time.GetUtcNow());
            return true;
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _writer.Dispose();
            // Pooled reader connections would keep the file open (and a temp folder undeletable).
            SqliteConnection.ClearPool(_writer);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per-connection settings: a pooled connection may be new or reused, so set them every time.
        using var pragmas = connection.Command("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;");
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>A read on a pooled connection, for the tables of other Storage types (model vectors).</summary>
    internal T ReadWith<T>(Func<SqliteConnection, T> read) => Read(read);

    /// <summary>A write on the one writer connection and lock, for the tables of other Storage types.</summary>
    internal T WriteWith<T>(Func<SqliteConnection, SqliteTransaction, T> write) => Write(write);

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var connection = Open();
        return read(connection);
    }

    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // IMMEDIATE: take the write lock up front so another process cannot make this transaction fail halfway.
            using var transaction = _writer.BeginTransaction(deferred: false);
            var result = write(_writer, transaction);
            transaction.Commit();
            return result;
        }
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
