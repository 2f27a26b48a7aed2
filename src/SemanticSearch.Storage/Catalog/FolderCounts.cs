using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>Indexed images per folder: the choices of the search page's folder filter.</summary>
internal static class FolderCounts
{
    // rtrim(location, <every character of location except '/'>) cuts the name after the last '/', leaving the folder.
    private static readonly string Sql = $"""
        SELECT source_id, rtrim(location, replace(location, '/', '')) AS folder, count(*) AS n
        FROM images WHERE status = {(int)ImageStatus.Indexed}
        GROUP BY source_id, folder
        ORDER BY n DESC, folder
        LIMIT @max
        """;

    public static List<CatalogFolder> Read(SqliteConnection connection, int max)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("@max", max);
        var folders = new List<CatalogFolder>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            folders.Add(new CatalogFolder(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)));
        return folders;
    }
}
