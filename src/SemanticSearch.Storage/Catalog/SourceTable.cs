using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>SQL for the <c>sources</c> table.</summary>
internal static class SourceTable
{
    private const string Columns = "id, kind, location, include_globs, exclude_globs, watch, max_depth, enabled, added";

    public static IReadOnlyList<CatalogSource> GetAll(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command($"SELECT {Columns} FROM sources ORDER BY id", transaction);
        return ReadAll(command);
    }

    public static CatalogSource? Get(SqliteConnection connection, long id, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command($"SELECT {Columns} FROM sources WHERE id = @id", transaction).With("@id", id);
        return ReadAll(command).FirstOrDefault();
    }

    /// <summary>Inserts, or updates the settings of the source with the same kind and location; returns its id.</summary>
    public static long Upsert(SqliteConnection connection, SqliteTransaction transaction, CatalogSource source, DateTimeOffset now)
    {
        using var command = connection.Command("""
            INSERT INTO sources (kind, location, include_globs, exclude_globs, watch, max_depth, enabled, added)
            VALUES (@kind, @location, @include, @exclude, @watch, @maxDepth, @enabled, @added)
            ON CONFLICT (kind, location) DO UPDATE SET
                include_globs = excluded.include_globs, exclude_globs = excluded.exclude_globs, watch = excluded.watch,
                max_depth = excluded.max_depth, enabled = excluded.enabled
            RETURNING id
            """, transaction)
            .With("@kind", (int)source.Kind)
            .With("@location", source.Location)
            .With("@include", SqliteValues.EncodeGlobs(source.Include))
            .With("@exclude", SqliteValues.EncodeGlobs(source.Exclude))
            .With("@watch", source.Watch)
            .With("@maxDepth", source.MaxDepth)
            .With("@enabled", source.Enabled)
            .With("@added", SqliteValues.ToTicks(now));
        return (long)command.ExecuteScalar()!;
    }

    public static bool Delete(SqliteConnection connection, SqliteTransaction transaction, long id)
    {
        using var command = connection.Command("DELETE FROM sources WHERE id = @id", transaction).With("@id", id);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Moves a source to a new location and sets whether it is scanned (the merge of duplicates).</summary>
    public static void Relocate(SqliteConnection connection, SqliteTransaction transaction, long id, string location, bool enabled)
    {
        using var command = connection.Command("UPDATE sources SET location = @location, enabled = @enabled WHERE id = @id", transaction)
            .With("@id", id).With("@location", location).With("@enabled", enabled);
        command.ExecuteNonQuery();
    }

    /// <summary>Images per source and status (tombstones left out), for the admin's source list.</summary>
    public static Dictionary<long, SourceImageCounts> ImageCounts(SqliteConnection connection)
    {
        using var command = connection.Command($"""
            SELECT source_id,
                   sum(status = {(int)ImageStatus.Indexed}), sum(status = {(int)ImageStatus.Pending}), sum(status = {(int)ImageStatus.Failed})
            FROM images WHERE status <> {(int)ImageStatus.Deleted} GROUP BY source_id
            """);
        var counts = new Dictionary<long, SourceImageCounts>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            counts[reader.GetInt64(0)] = new SourceImageCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return counts;
    }

    public static long Count(SqliteConnection connection)
    {
        using var command = connection.Command("SELECT count(*) FROM sources");
        return (long)command.ExecuteScalar()!;
    }

    private static List<CatalogSource> ReadAll(SqliteCommand command)
    {
        var list = new List<CatalogSource>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new CatalogSource
            {
                Id = reader.GetInt64(0),
                Kind = (SourceKind)reader.GetInt32(1),
                Location = reader.GetString(2),
                Include = SqliteValues.DecodeGlobs(reader.GetString(3)),
                Exclude = SqliteValues.DecodeGlobs(reader.GetString(4)),
                Watch = reader.GetBoolean(5),
                MaxDepth = reader.GetInt32(6),
                Enabled = reader.GetBoolean(7),
                Added = SqliteValues.FromTicks(reader.GetInt64(8)),
            });
        }
        return list;
    }
}
