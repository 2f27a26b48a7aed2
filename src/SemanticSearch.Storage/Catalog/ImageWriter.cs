using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// SQL that changes the <c>images</c> table, used inside one writer transaction. Every row it touches gets the
/// transaction's change sequence, and every index-relevant change is collected (last one per key wins), so the
/// result of a write tells the vector index exactly what to do.
/// </summary>
internal sealed class ImageWriter(SqliteConnection connection, SqliteTransaction transaction, long sequence, DateTimeOffset now)
{
    private const int Pending = (int)ImageStatus.Pending;
    private const int Indexed = (int)ImageStatus.Indexed;
    private const int Failed = (int)ImageStatus.Failed;
    private const int Deleted = (int)ImageStatus.Deleted;

    private readonly Dictionary<long, VectorChange> _changes = [];
    private readonly HashSet<long> _moved = [];
    private readonly long _now = SqliteValues.ToTicks(now);

    public IReadOnlyList<VectorChange> Changes => [.. _changes.Values.OrderBy(c => c.Key)];

    /// <summary>Images moved in this write (see <see cref="CatalogWriteResult.MovedIds"/>).</summary>
    public IReadOnlyList<long> MovedIds => [.. _moved.Order()];

    public long UpsertIndexed(EmbeddedImage image, CatalogModel model)
    {
        if (image.Embedding.Length != model.Dimension)
            throw new ArgumentException(
                $"The embedding of {image.Location} has {image.Embedding.Length} values but the catalog model {model.ModelId} has {model.Dimension}.");
        using var command = connection.Command($"""
            INSERT INTO images (source_id, location, size, modified, content_hash, width, height, format, date_taken, camera,
                                status, failure_kind, failure_reason, model_id, embedding, thumbnail_path, first_seen, updated, change_seq)
            VALUES (@source, @location, @size, @modified, @hash, @width, @height, @format, @taken, @camera,
                    {Indexed}, NULL, NULL, @model, @embedding, @thumbnail, @now, @now, @seq)
            ON CONFLICT (source_id, location) DO UPDATE SET
                size = excluded.size, modified = excluded.modified, content_hash = excluded.content_hash,
                width = excluded.width, height = excluded.height, format = excluded.format, date_taken = excluded.date_taken,
                camera = excluded.camera, status = excluded.status, failure_kind = NULL, failure_reason = NULL,
                model_id = excluded.model_id, embedding = excluded.embedding, thumbnail_path = excluded.thumbnail_path,
                updated = excluded.updated, change_seq = excluded.change_seq
            RETURNING id
            """, transaction)
            .With("@source", image.SourceId)
            .With("@location", image.Location)
            .With("@size", image.Size)
            .With("@modified", SqliteValues.ToTicks(image.Modified))
            .With("@hash", image.ContentHash)
            .With("@width", image.Width)
            .With("@height", image.Height)
            .With("@format", image.Format?.ToLowerInvariant())
            .With("@taken", SqliteValues.ToDb(image.DateTaken))
            .With("@camera", image.Camera)
            .With("@model", model.ModelId)
            .With("@embedding", SqliteValues.EncodeEmbedding(image.Embedding))
            .With("@thumbnail", image.ThumbnailPath)
            .With("@now", _now)
            .With("@seq", sequence);
        var id = (long)command.ExecuteScalar()!;
        _changes[id] = new VectorChange(id, image.Embedding);
        return id;
    }

    public long UpsertFailed(FailedImage image)
    {
        using var command = connection.Command($"""
            INSERT INTO images (source_id, location, size, modified, content_hash, status, failure_kind, failure_reason,
                                first_seen, updated, change_seq)
            VALUES (@source, @location, @size, @modified, @hash, {Failed}, @kind, @reason, @now, @now, @seq)
            ON CONFLICT (source_id, location) DO UPDATE SET
                size = excluded.size, modified = excluded.modified, content_hash = excluded.content_hash,
                status = excluded.status, failure_kind = excluded.failure_kind, failure_reason = excluded.failure_reason,
                model_id = NULL, embedding = NULL, updated = excluded.updated, change_seq = excluded.change_seq
            RETURNING id
            """, transaction)
            .With("@source", image.SourceId)
            .With("@location", image.Location)
            .With("@size", image.Size)
            .With("@modified", SqliteValues.ToTicks(image.Modified))
            .With("@hash", image.ContentHash)
            .With("@kind", image.Kind)
            .With("@reason", image.Reason)
            .With("@now", _now)
            .With("@seq", sequence);
        var id = (long)command.ExecuteScalar()!;
        _changes[id] = new VectorChange(id, null);
        return id;
    }

    /// <summary>Turns a row into a tombstone; false when it does not exist or already is one.</summary>
    public bool MarkDeleted(long id)
    {
        using var command = connection.Command($"""
            UPDATE images SET status = {Deleted}, model_id = NULL, embedding = NULL, updated = @now, change_seq = @seq
            WHERE id = @id AND status <> {Deleted}
            """, transaction).With("@id", id).With("@now", _now).With("@seq", sequence);
        if (command.ExecuteNonQuery() == 0)
            return false;
        _changes[id] = new VectorChange(id, null);
        return true;
    }

    /// <summary>Tombstones every image of a source.</summary>
    public void MarkSourceDeleted(long sourceId)
    {
        using var command = connection.Command($"""
            UPDATE images SET status = {Deleted}, model_id = NULL, embedding = NULL, updated = @now, change_seq = @seq
            WHERE source_id = @source AND status <> {Deleted}
            RETURNING id
            """, transaction).With("@source", sourceId).With("@now", _now).With("@seq", sequence);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            _changes[id] = new VectorChange(id, null);
        }
    }

    /// <summary>Moves a row to a new location, keeping its id, status and embedding (the vector stays as it is).</summary>
    /// <exception cref="ArgumentException">The image does not exist.</exception>
    public void Move(MovedImage move)
    {
        // A row already at the target location (a tombstone, or a file that was replaced) is evicted first:
        // tombstoned and given a location no real path or URL can have, so the unique key is free and the
        // eviction still carries a change sequence for index catch-up.
        using (var evict = connection.Command($"""
            UPDATE images SET status = {Deleted}, model_id = NULL, embedding = NULL, updated = @now, change_seq = @seq,
                              location = location || char(0) || id
            WHERE source_id = @source AND location = @location AND id <> @id
            RETURNING id
            """, transaction).With("@source", move.SourceId).With("@location", move.Location).With("@id", move.ImageId)
                .With("@now", _now).With("@seq", sequence))
        using (var reader = evict.ExecuteReader())
        {
            while (reader.Read())
            {
                var evicted = reader.GetInt64(0);
                _changes[evicted] = new VectorChange(evicted, null);
            }
        }
        using var command = connection.Command("""
            UPDATE images SET source_id = @source, location = @location, size = @size, modified = @modified,
                              updated = @now, change_seq = @seq
            WHERE id = @id
            """, transaction)
            .With("@id", move.ImageId)
            .With("@source", move.SourceId)
            .With("@location", move.Location)
            .With("@size", move.Size)
            .With("@modified", SqliteValues.ToTicks(move.Modified))
            .With("@now", _now)
            .With("@seq", sequence);
        if (command.ExecuteNonQuery() == 0)
            throw new ArgumentException($"Cannot move image {move.ImageId} to {move.Location}: no such image.");
        _moved.Add(move.ImageId);
    }

    /// <summary>Records a new size and time for unchanged content. Not an index change, so the sequence stays.</summary>
    /// <exception cref="ArgumentException">The image does not exist.</exception>
    public void Touch(TouchedImage touch)
    {
        using var command = connection.Command(
            "UPDATE images SET size = @size, modified = @modified, updated = @now WHERE id = @id", transaction)
            .With("@id", touch.ImageId)
            .With("@size", touch.Size)
            .With("@modified", SqliteValues.ToTicks(touch.Modified))
            .With("@now", _now);
        if (command.ExecuteNonQuery() == 0)
            throw new ArgumentException($"Cannot touch image {touch.ImageId}: no such image.");
    }

    /// <summary>Model change: every indexed image loses its embedding and waits to be embedded again.</summary>
    public void MarkAllPending()
    {
        using var command = connection.Command($"""
            UPDATE images SET status = {Pending}, model_id = NULL, embedding = NULL, updated = @now, change_seq = @seq
            WHERE status = {Indexed}
            RETURNING id
            """, transaction).With("@now", _now).With("@seq", sequence);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            _changes[id] = new VectorChange(id, null);
        }
    }
}
