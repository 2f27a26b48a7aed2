using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// SQL for <c>removed_sources</c>: the locations a person removed from this catalog, so that a source listed in the
/// settings is not added back at the next start. Adding the location again on purpose forgets the removal.
/// </summary>
internal static class RemovedSourceTable
{
    public static void Record(SqliteConnection connection, SqliteTransaction transaction, SourceKind kind, string location, DateTimeOffset now)
    {
        using var command = connection.Command("""
            INSERT INTO removed_sources (kind, location, removed) VALUES (@kind, @location, @removed)
            ON CONFLICT (kind, location) DO UPDATE SET removed = excluded.removed
            """, transaction)
            .With("@kind", (int)kind).With("@location", location).With("@removed", SqliteValues.ToTicks(now));
        command.ExecuteNonQuery();
    }

    public static bool Contains(SqliteConnection connection, SqliteTransaction transaction, SourceKind kind, string location)
    {
        using var command = connection.Command("SELECT 1 FROM removed_sources WHERE kind = @kind AND location = @location", transaction)
            .With("@kind", (int)kind).With("@location", location);
        return command.ExecuteScalar() is not null;
    }

    public static void Forget(SqliteConnection connection, SqliteTransaction transaction, SourceKind kind, string location)
    {
        using var command = connection.Command("DELETE FROM removed_sources WHERE kind = @kind AND location = @location", transaction)
            .With("@kind", (int)kind).With("@location", location);
        command.ExecuteNonQuery();
    }
}
