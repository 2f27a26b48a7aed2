using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>SQL for the <c>runs</c> table (the indexing runs log).</summary>
internal static class RunTable
{
    public static long Start(SqliteConnection connection, SqliteTransaction transaction, string mode, DateTimeOffset now)
    {
        using var command = connection.Command("INSERT INTO runs (mode, started) VALUES (@mode, @now) RETURNING id", transaction)
            .With("@mode", mode).With("@now", SqliteValues.ToTicks(now));
        return (long)command.ExecuteScalar()!;
    }

    public static void Finish(SqliteConnection connection, SqliteTransaction transaction, long id, string outcome, IndexRunCounts counts, DateTimeOffset now)
    {
        using var command = connection.Command("""
            UPDATE runs SET finished = @now, outcome = @outcome, discovered = @discovered, indexed = @indexed,
                            failed = @failed, skipped = @skipped, deleted = @deleted
            WHERE id = @id
            """, transaction)
            .With("@id", id)
            .With("@now", SqliteValues.ToTicks(now))
            .With("@outcome", outcome)
            .With("@discovered", counts.Discovered)
            .With("@indexed", counts.Indexed)
            .With("@failed", counts.Failed)
            .With("@skipped", counts.Skipped)
            .With("@deleted", counts.Deleted);
        if (command.ExecuteNonQuery() == 0)
            throw new ArgumentException($"No indexing run {id}.", nameof(id));
    }

    public static List<IndexRun> Recent(SqliteConnection connection, int limit)
    {
        using var command = connection.Command("""
            SELECT id, mode, started, finished, outcome, discovered, indexed, failed, skipped, deleted
            FROM runs ORDER BY id DESC LIMIT @limit
            """).With("@limit", limit);
        var list = new List<IndexRun>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new IndexRun(
                reader.GetInt64(0),
                reader.GetString(1),
                SqliteValues.FromTicks(reader.GetInt64(2)),
                reader.GetInt64OrNull(3) is { } finished ? SqliteValues.FromTicks(finished) : null,
                reader.GetStringOrNull(4),
                new IndexRunCounts(reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9))));
        }
        return list;
    }
}
