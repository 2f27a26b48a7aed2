using System.Text;
using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Catalog;

/// <summary>SQL that reads the <c>images</c> table.</summary>
internal static class ImageTable
{
    private const string Columns = """
        id, source_id, location, size, modified, content_hash, width, height, format, date_taken, camera, status,
        failure_kind, failure_reason, model_id, thumbnail_path, first_seen, updated
        """;

    private const int Indexed = (int)ImageStatus.Indexed;
    private const int Deleted = (int)ImageStatus.Deleted;
    private const int Failed = (int)ImageStatus.Failed;

    public static CatalogImage? Get(SqliteConnection connection, long id)
    {
        using var command = connection.Command($"SELECT {Columns} FROM images WHERE id = @id").With("@id", id);
        return ReadImages(command).FirstOrDefault();
    }

    // Lookups by an id list. The unary + on status keeps SQLite from answering through the status index, which it
    // prefers: that walks every indexed row and probes the list, so a search's 10-id read cost ~80 ms at 1M images
    // (bench scale) instead of 10 primary-key lookups. ImageTablePlanTests holds each of these to its plan.
    internal static readonly string ImagesByIdSql = $"SELECT {Columns} FROM images WHERE id IN (SELECT value FROM json_each(@ids))";

    internal static readonly string EmbeddingsByIdSql = $"""
        SELECT id, embedding FROM images
        WHERE id IN (SELECT value FROM json_each(@ids)) AND +status = {Indexed} AND embedding IS NOT NULL
        """;

    internal static readonly string FilterValuesByIdSql = $"""
        SELECT id, source_id, location, format, date_taken FROM images
        WHERE id IN (SELECT value FROM json_each(@ids)) AND +status = {Indexed} ORDER BY id
        """;

    private static readonly string AllFilterValuesSql = $"""
        SELECT id, source_id, location, format, date_taken FROM images WHERE status = {Indexed} ORDER BY id
        """;

    public static Dictionary<long, CatalogImage> GetMany(SqliteConnection connection, IEnumerable<long> ids)
    {
        using var command = connection.Command(ImagesByIdSql).With("@ids", SqliteValues.EncodeIds(ids));
        return ReadImages(command).ToDictionary(i => i.Id);
    }

    public static float[]? GetEmbedding(SqliteConnection connection, long id)
    {
        using var command = connection.Command(
            $"SELECT embedding FROM images WHERE id = @id AND status = {Indexed} AND embedding IS NOT NULL").With("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteValues.ReadEmbedding(reader, 0) : null;
    }

    public static Dictionary<long, float[]> GetEmbeddings(SqliteConnection connection, IEnumerable<long> ids)
    {
        using var command = connection.Command(EmbeddingsByIdSql).With("@ids", SqliteValues.EncodeIds(ids));
        var result = new Dictionary<long, float[]>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            result[reader.GetInt64(0)] = SqliteValues.ReadEmbedding(reader, 1)!;
        return result;
    }

    public static Dictionary<string, KnownImage> GetKnown(SqliteConnection connection, long sourceId)
    {
        using var command = connection.Command($"""
            SELECT id, location, size, modified, content_hash, status, failure_kind FROM images
            WHERE source_id = @source AND status <> {Deleted}
            """).With("@source", sourceId);
        var result = new Dictionary<string, KnownImage>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var known = new KnownImage(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2),
                SqliteValues.FromTicks(reader.GetInt64(3)), reader.GetStringOrNull(4), (ImageStatus)reader.GetInt32(5))
            {
                FailureKind = reader.GetStringOrNull(6),
            };
            result[known.Location] = known;
        }
        return result;
    }

    public static List<CatalogImage> FindIndexedByHash(SqliteConnection connection, string contentHash)
    {
        using var command = connection.Command(
            $"SELECT {Columns} FROM images WHERE content_hash = @hash AND status = {Indexed} ORDER BY id").With("@hash", contentHash);
        return ReadImages(command);
    }

    /// <summary>Ids of indexed images matching a filter (see <see cref="FilterCondition"/>), in id order.</summary>
    public static List<long> FindIndexedIds(SqliteConnection connection, SearchFilter filter, int max)
    {
        var sql = new StringBuilder($"SELECT id FROM images WHERE status = {Indexed}");
        using var command = connection.CreateCommand();
        FilterSql.AppendConditions(sql, command, FilterCondition.Of(filter));
        sql.Append(" ORDER BY id LIMIT @max");
        command.With("@max", max);
        command.CommandText = sql.ToString();
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>Filtered fields of indexed images (all, or those among <paramref name="ids"/>), in id order.</summary>
    public static IEnumerable<KeyValuePair<long, ImageFilterValues>> ReadFilterValues(SqliteConnection connection, IReadOnlyCollection<long>? ids)
    {
        using var command = connection.Command(ids is null ? AllFilterValuesSql : FilterValuesByIdSql);
        if (ids is not null)
            command.With("@ids", SqliteValues.EncodeIds(ids));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new(reader.GetInt64(0),
                new ImageFilterValues(reader.GetInt64(1), reader.GetString(2), reader.GetStringOrNull(3), reader.GetInt64OrNull(4)));
    }

    public static List<CatalogImage> RecentFailures(SqliteConnection connection, int limit, string? kind = null)
    {
        // The kind as the stats count it (a row without one is "Unknown").
        using var command = connection.Command($"""
            SELECT {Columns} FROM images
            WHERE status = {Failed} AND (@kind IS NULL OR coalesce(failure_kind, 'Unknown') = @kind)
            ORDER BY updated DESC, id DESC LIMIT @limit
            """).With("@limit", limit).With("@kind", kind);
        return ReadImages(command);
    }

    /// <summary>Rows changed after a sequence, in id order, as index changes (see <see cref="ICatalogStore.ReadVectorChanges"/>).</summary>
    public static IEnumerable<VectorChange> ReadVectorChanges(SqliteConnection connection, long afterSequence)
    {
        using var command = connection.Command(
            "SELECT id, status, embedding FROM images WHERE change_seq > @after ORDER BY id").With("@after", afterSequence);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var vector = reader.GetInt32(1) == Indexed ? SqliteValues.ReadEmbedding(reader, 2) : null;
            yield return new VectorChange(id, vector);
        }
    }

    public static (Dictionary<ImageStatus, long> ByStatus, Dictionary<string, long> FailuresByKind) Counts(SqliteConnection connection)
    {
        var byStatus = new Dictionary<ImageStatus, long>();
        using (var command = connection.Command("SELECT status, count(*) FROM images GROUP BY status"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                byStatus[(ImageStatus)reader.GetInt32(0)] = reader.GetInt64(1);
        }
        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = connection.Command(
            $"SELECT coalesce(failure_kind, 'Unknown'), count(*) FROM images WHERE status = {Failed} GROUP BY 1 ORDER BY 2 DESC"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                byKind[reader.GetString(0)] = reader.GetInt64(1);
        }
        return (byStatus, byKind);
    }

    private static List<CatalogImage> ReadImages(SqliteCommand command)
    {
        var list = new List<CatalogImage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new CatalogImage(
                Id: reader.GetInt64(0),
                SourceId: reader.GetInt64(1),
                Location: reader.GetString(2),
                Size: reader.GetInt64(3),
                Modified: SqliteValues.FromTicks(reader.GetInt64(4)),
                ContentHash: reader.GetStringOrNull(5),
                Width: reader.GetInt32(6),
                Height: reader.GetInt32(7),
                Format: reader.GetStringOrNull(8),
                DateTaken: reader.GetInt64OrNull(9) is { } taken ? SqliteValues.FromTicks(taken) : null,
                Camera: reader.GetStringOrNull(10),
                Status: (ImageStatus)reader.GetInt32(11),
                FailureKind: reader.GetStringOrNull(12),
                FailureReason: reader.GetStringOrNull(13),
                ModelId: reader.GetStringOrNull(14),
                ThumbnailPath: reader.GetStringOrNull(15),
                FirstSeen: SqliteValues.FromTicks(reader.GetInt64(16)),
                Updated: SqliteValues.FromTicks(reader.GetInt64(17))));
        }
        return list;
    }
}
