using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>SQL for the singleton tables: <c>catalog_model</c>, <c>change_sequence</c> and <c>index_checkpoint</c>.</summary>
internal static class CatalogStateTable
{
    public static CatalogModel? GetModel(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command("SELECT model_id, dimension FROM catalog_model WHERE singleton = 1", transaction);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new CatalogModel(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    public static void SetModel(SqliteConnection connection, SqliteTransaction transaction, CatalogModel model, DateTimeOffset now)
    {
        using var command = connection.Command("""
            INSERT INTO catalog_model (singleton, model_id, dimension, adopted) VALUES (1, @model, @dimension, @now)
            ON CONFLICT (singleton) DO UPDATE SET model_id = excluded.model_id, dimension = excluded.dimension, adopted = excluded.adopted
            """, transaction)
            .With("@model", model.ModelId).With("@dimension", model.Dimension).With("@now", SqliteValues.ToTicks(now));
        command.ExecuteNonQuery();
    }

    public static long GetSequence(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command("SELECT value FROM change_sequence WHERE singleton = 1", transaction);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Advances the change sequence by one inside the caller's transaction and returns the new value.</summary>
    public static long NextSequence(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.Command(
            "UPDATE change_sequence SET value = value + 1 WHERE singleton = 1 RETURNING value", transaction);
        return (long)command.ExecuteScalar()!;
    }

    public static IndexCheckpoint? GetCheckpoint(SqliteConnection connection)
    {
        using var command = connection.Command(
            "SELECT sequence, model_id, dimension, saved_at, file_length, file_sha256 FROM index_checkpoint WHERE singleton = 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new IndexCheckpoint(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), SqliteValues.FromTicks(reader.GetInt64(3)))
        {
            FileLength = reader.GetInt64OrNull(4),
            FileSha256 = reader.GetStringOrNull(5),
        };
    }

    public static void SetCheckpoint(SqliteConnection connection, SqliteTransaction transaction, IndexCheckpoint checkpoint)
    {
        using var command = connection.Command("""
            INSERT INTO index_checkpoint (singleton, sequence, model_id, dimension, saved_at, file_length, file_sha256)
            VALUES (1, @sequence, @model, @dimension, @savedAt, @length, @sha)
            ON CONFLICT (singleton) DO UPDATE SET sequence = excluded.sequence, model_id = excluded.model_id,
                dimension = excluded.dimension, saved_at = excluded.saved_at, file_length = excluded.file_length,
                file_sha256 = excluded.file_sha256
            """, transaction)
            .With("@sequence", checkpoint.Sequence)
            .With("@model", checkpoint.ModelId)
            .With("@dimension", checkpoint.Dimension)
            .With("@savedAt", SqliteValues.ToTicks(checkpoint.SavedAt))
            .With("@length", checkpoint.FileLength)
            .With("@sha", checkpoint.FileSha256);
        command.ExecuteNonQuery();
    }

    public static void ClearCheckpoint(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.Command("DELETE FROM index_checkpoint", transaction);
        command.ExecuteNonQuery();
    }
}
