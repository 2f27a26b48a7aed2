using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Tests;

/// <summary>Rows written straight into a catalog file with an older schema, as older versions of the program wrote them.</summary>
internal static class OldCatalogRows
{
    /// <summary>A source row with the location exactly as it was typed (before schema version 3 normalised it).</summary>
    public static long InsertSource(string databasePath, SourceKind kind, string location, bool enabled = true)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO sources (kind, location, enabled, added) VALUES ($kind, $location, $enabled, 0) RETURNING id";
        command.Parameters.AddWithValue("$kind", (int)kind);
        command.Parameters.AddWithValue("$location", location);
        command.Parameters.AddWithValue("$enabled", enabled);
        return (long)command.ExecuteScalar()!;
    }
}
