using System.Globalization;
using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// <c>semsearch catalog check</c>: SQLite's integrity check, then the catalog's own invariants (every indexed row
/// carries an embedding of the catalog's model and dimension) and whether the saved vector index agrees with the
/// catalog. The catalog file is only read; a running host may keep writing beside it.
/// </summary>
public static class CatalogCheck
{
    private const int Examples = 5;

    /// <summary>Every problem found, one readable line each; empty when the catalog and index are sound.</summary>
    public static IReadOnlyList<string> Run(DataFolder folder, VectorIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = folder.CatalogPath;
        if (!File.Exists(path))
            return [Directory.Exists(path) ? $"{path} is a folder where the catalog file belongs." : $"There is no catalog at {path}."];
        if (CatalogFileProblems.Inspect(path) is { } damage)
            return [$"{path}: {damage}."];

        var problems = new List<string>();
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            foreach (var line in Strings(connection, "PRAGMA integrity_check(20)").Where(l => l != "ok"))
                problems.Add($"{path}: SQLite integrity check: {line}");
            if (problems.Count > 0)
                return problems;
            CheckEmbeddings(connection, path, problems);
        }
        catch (SqliteException e)
        {
            problems.Add($"{path}: {e.Message}");
            return problems;
        }
        if (problems.Count == 0)
            CheckIndex(folder, options, problems);
        return problems;
    }

    private static void CheckEmbeddings(SqliteConnection connection, string path, List<string> problems)
    {
        var model = Rows(connection, "SELECT model_id, dimension FROM catalog_model", r => (Id: r.GetString(0), Dimension: r.GetInt32(1))).FirstOrDefault();
        var indexed = (int)ImageStatus.Indexed;
        if (model.Id is null)
        {
            var count = Rows(connection, $"SELECT COUNT(*) FROM images WHERE status = {indexed}", r => r.GetInt64(0)).Single();
            if (count > 0)
                problems.Add($"{path}: {count} images are marked indexed but the catalog has no model.");
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, location, model_id, length(embedding) FROM images
            WHERE status = {indexed} AND (embedding IS NULL OR length(embedding) != $bytes OR model_id IS NOT $model)
            ORDER BY id
            """;
        command.Parameters.AddWithValue("$bytes", model.Dimension * sizeof(float));
        command.Parameters.AddWithValue("$model", model.Id);
        using var reader = command.ExecuteReader();
        var bad = 0;
        while (reader.Read())
        {
            if (++bad > Examples)
                continue;
            var why = reader.IsDBNull(3) ? "no embedding"
                : reader.GetInt64(3) != model.Dimension * sizeof(float) ? $"an embedding of {reader.GetInt64(3) / sizeof(float)} values, not {model.Dimension}"
                : $"an embedding of model {(reader.IsDBNull(2) ? "(none)" : reader.GetString(2))}, not {model.Id}";
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: image {reader.GetInt64(0)} ({reader.GetString(1)}) is indexed with {why}."));
        }
        if (bad > Examples)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {bad - Examples} more indexed images have no usable embedding."));
    }

    private static void CheckIndex(DataFolder folder, VectorIndexOptions? options, List<string> problems)
    {
        // Read-only: the file is mapped or replayed in memory, never written; recovery says whether it could be used.
        using var catalog = new CatalogStore(folder.CatalogPath);
        using var store = VectorIndexStore.Open(catalog, folder.VectorIndexPath, options, readOnly: true);
        if (store.Recovery.Kind == IndexRecoveryKind.Rebuilt && catalog.GetStats().Indexed > 0)
        {
            problems.Add($"{folder.VectorIndexPath}: the vector index does not agree with the catalog ({store.Recovery.Reason}). "
                + "It is derived data: the next writer (web host or `semsearch index`) rebuilds it from the catalog.");
        }
    }

    private static IEnumerable<string> Strings(SqliteConnection connection, string sql) => Rows(connection, sql, r => r.GetString(0));

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }
}
