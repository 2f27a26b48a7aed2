using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Models;

namespace SemanticSearch.Storage.Catalog;

/// <summary>The catalog's vectors per model, the switch under way and the chosen model (schema version 5).</summary>
public sealed class ModelVectorTable(CatalogStore catalog) : IModelVectorStore
{
    private const int Indexed = (int)ImageStatus.Indexed;
    private const int Pending = (int)ImageStatus.Pending;

    /// <inheritdoc />
    public long CountIndexed() => catalog.ReadWith(c => Scalar(c, $"SELECT COUNT(*) FROM images WHERE status = {Indexed}"));

    /// <inheritdoc />
    public long CountVectors(string modelId) => catalog.ReadWith(c => Scalar(c, $"""
        SELECT COUNT(*) FROM images i
        WHERE i.status = {Indexed}
          AND (i.model_id = @model OR EXISTS (SELECT 1 FROM model_vectors v WHERE v.model_id = @model AND v.image_id = i.id))
        """, modelId));

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> CountAll() => catalog.ReadWith(c =>
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = c.Command($"""
            SELECT v.model_id, COUNT(*) FROM model_vectors v JOIN images i ON i.id = v.image_id AND i.status = {Indexed}
            GROUP BY v.model_id
            """);
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                counts[reader.GetString(0)] = reader.GetInt64(1);
        // The answering model's vectors are the images' own; its copy here may lag behind the crawler.
        using var answering = c.Command($"SELECT model_id, COUNT(*) FROM images WHERE status = {Indexed} AND model_id IS NOT NULL GROUP BY model_id");
        using (var reader = answering.ExecuteReader())
            while (reader.Read())
                counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    });

    /// <inheritdoc />
    public IReadOnlyList<CatalogImage> IndexedWithoutVector(string modelId, long afterId, int max)
    {
        var ids = catalog.ReadWith(c =>
        {
            using var command = c.Command($"""
                SELECT i.id FROM images i
                WHERE i.status = {Indexed} AND i.id > @after AND i.model_id IS NOT @model
                  AND NOT EXISTS (SELECT 1 FROM model_vectors v WHERE v.model_id = @model AND v.image_id = i.id)
                ORDER BY i.id LIMIT @max
                """).With("@model", modelId).With("@after", afterId).With("@max", max);
            using var reader = command.ExecuteReader();
            var found = new List<long>();
            while (reader.Read())
                found.Add(reader.GetInt64(0));
            return found;
        });
        var images = catalog.GetImages(ids);
        return [.. ids.Where(images.ContainsKey).Select(id => images[id])];
    }

    /// <inheritdoc />
    public void StoreVectors(string modelId, IReadOnlyList<KeyValuePair<long, float[]>> vectors)
    {
        if (vectors.Count == 0)
            return;
        catalog.WriteWith((c, t) =>
        {
            using var command = c.Command("INSERT OR REPLACE INTO model_vectors (model_id, image_id, vector) VALUES (@model, @id, @vector)", t);
            command.With("@model", modelId);
            var id = command.Parameters.AddWithValue("@id", 0L);
            var vector = command.Parameters.AddWithValue("@vector", Array.Empty<byte>());
            foreach (var (key, value) in vectors)
            {
                id.Value = key;
                vector.Value = SqliteValues.EncodeEmbedding(value);
                command.ExecuteNonQuery();
            }
            return 0;
        });
    }

    /// <inheritdoc />
    public long DeleteVectors(string modelId) => catalog.WriteWith((c, t) =>
    {
        using var kept = c.Command("DELETE FROM kept_models WHERE model_id = @model", t).With("@model", modelId);
        kept.ExecuteNonQuery();
        using var command = c.Command("DELETE FROM model_vectors WHERE model_id = @model", t).With("@model", modelId);
        return (long)command.ExecuteNonQuery();
    });

    /// <inheritdoc />
    public PendingModelSwitch? GetPendingSwitch() => catalog.ReadWith(c =>
    {
        using var command = c.Command("SELECT model_id, name, path, variant FROM model_switch WHERE singleton = 1");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new PendingModelSwitch(reader.GetString(0), new ModelChoice
            {
                Name = reader.GetStringOrNull(1), Path = reader.GetStringOrNull(2), Variant = reader.GetStringOrNull(3),
            })
            : null;
    });

    /// <inheritdoc />
    public void SetPendingSwitch(PendingModelSwitch? pending) => catalog.WriteWith((c, t) =>
    {
        using var clear = c.Command("DELETE FROM model_switch", t);
        clear.ExecuteNonQuery();
        if (pending is null)
            return 0;
        using var insert = c.Command("""
            INSERT INTO model_switch (singleton, model_id, name, path, variant, started) VALUES (1, @model, @name, @path, @variant, @now)
            """, t).With("@model", pending.ModelId).With("@name", SqliteValues.ToDb(pending.Choice.Name))
            .With("@path", SqliteValues.ToDb(pending.Choice.Path)).With("@variant", SqliteValues.ToDb(pending.Choice.Variant))
            .With("@now", DateTimeOffset.UtcNow.UtcTicks);
        return insert.ExecuteNonQuery();
    });

    /// <inheritdoc />
    public ModelChoice? GetChosenModel() => catalog.ReadWith(c =>
    {
        using var command = c.Command("SELECT name, path, variant FROM model_choice WHERE singleton = 1");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ModelChoice { Name = reader.GetStringOrNull(0), Path = reader.GetStringOrNull(1), Variant = reader.GetStringOrNull(2) }
            : null;
    });

    /// <inheritdoc />
    public long Flip(string modelId, int dimension, ModelChoice choice, DateTimeOffset now) => catalog.WriteWith((c, t) =>
    {
        var old = CatalogStateTable.GetModel(c, t);
        var sequence = CatalogStateTable.NextSequence(c, t);
        Execute(c, t, $"""
            INSERT OR REPLACE INTO model_vectors (model_id, image_id, vector)
                SELECT model_id, id, embedding FROM images WHERE status = {Indexed} AND embedding IS NOT NULL AND model_id IS NOT NULL
            """);
        Execute(c, t, $"""
            UPDATE images SET embedding = v.vector, model_id = @model, change_seq = @seq
            FROM (SELECT image_id, vector FROM model_vectors WHERE model_id = @model) AS v
            WHERE images.id = v.image_id AND images.status = {Indexed}
            """, ("@model", modelId), ("@seq", sequence));
        // Images the new model could not embed (an unreadable original) go back to the crawler, not into the index.
        var pending = Execute(c, t, $"""
            UPDATE images SET status = {Pending}, embedding = NULL, model_id = NULL, change_seq = @seq
            WHERE status = {Indexed} AND model_id IS NOT @model
            """, ("@model", modelId), ("@seq", sequence));
        CatalogStateTable.SetModel(c, t, new CatalogModel(modelId, dimension), now);
        Execute(c, t, "DELETE FROM index_checkpoint");
        Execute(c, t, "DELETE FROM model_switch");
        Execute(c, t, "DELETE FROM kept_models WHERE model_id = @model", ("@model", modelId));
        if (old is not null && old.ModelId != modelId)
            Execute(c, t, "INSERT OR REPLACE INTO kept_models (model_id, since) VALUES (@model, @now)", ("@model", old.ModelId), ("@now", now.UtcTicks));
        Execute(c, t, "INSERT OR REPLACE INTO model_choice (singleton, name, path, variant, chosen) VALUES (1, @name, @path, @variant, @now)",
            ("@name", SqliteValues.ToDb(choice.Name)), ("@path", SqliteValues.ToDb(choice.Path)),
            ("@variant", SqliteValues.ToDb(choice.Variant)), ("@now", now.UtcTicks));
        return (long)pending;
    });

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DateTimeOffset> KeptSince() => catalog.ReadWith(c =>
    {
        using var command = c.Command("SELECT model_id, since FROM kept_models");
        using var reader = command.ExecuteReader();
        var kept = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (reader.Read())
            kept[reader.GetString(0)] = SqliteValues.FromTicks(reader.GetInt64(1));
        return kept;
    });

    private static long Scalar(SqliteConnection connection, string sql, string? modelId = null)
    {
        using var command = connection.Command(sql);
        if (modelId is not null)
            command.With("@model", modelId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] values)
    {
        using var command = connection.Command(sql, transaction);
        foreach (var (name, value) in values)
            command.With(name, value);
        return command.ExecuteNonQuery();
    }
}
