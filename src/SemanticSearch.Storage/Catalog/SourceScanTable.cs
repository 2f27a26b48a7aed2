using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>SQL for the <c>source_scans</c> table: when each source was last listed to the end.</summary>
internal static class SourceScanTable
{
    public static void MarkScanned(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<long> ids, DateTimeOffset now)
    {
        using var command = connection.Command("""
            INSERT INTO source_scans (source_id, last_scanned) VALUES (@id, @now)
            ON CONFLICT (source_id) DO UPDATE SET last_scanned = excluded.last_scanned
            """, transaction).With("@now", SqliteValues.ToTicks(now)).With("@id", 0L);
        foreach (var id in ids)
        {
            command.Parameters["@id"].Value = id;
            command.ExecuteNonQuery();
        }
    }

    /// <summary><paramref name="sources"/> with their <see cref="CatalogSource.LastScanned"/> filled in.</summary>
    public static List<CatalogSource> WithLastScans(SqliteConnection connection, IReadOnlyList<CatalogSource> sources)
    {
        var scans = new Dictionary<long, DateTimeOffset>();
        using (var command = connection.Command("SELECT source_id, last_scanned FROM source_scans"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                scans[reader.GetInt64(0)] = SqliteValues.FromTicks(reader.GetInt64(1));
        }
        return [.. sources.Select(s => scans.TryGetValue(s.Id, out var at) ? s with { LastScanned = at } : s)];
    }
}
