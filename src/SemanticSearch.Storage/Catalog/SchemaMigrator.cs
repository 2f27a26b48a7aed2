using Microsoft.Data.Sqlite;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// Brings a catalog file to the latest schema at start-up. The version lives in <c>PRAGMA user_version</c> (in the
/// database header, so it commits with the migration): a crash mid-migration leaves the previous version intact.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Applies every migration above the file's version, in order, in one transaction. Returns the new version.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer schema than this program knows.</exception>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<CatalogMigration> migrations)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = ReadVersion(connection, transaction);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
            throw new InvalidOperationException(
                $"The catalog has schema version {current} but this program knows only up to {latest}; use a newer semsearch.");
        foreach (var migration in migrations)
        {
            if (migration.Version <= current)
                continue;
            if (migration.Version != current + 1)
                throw new InvalidOperationException($"Catalog migrations must be consecutive: {current} is followed by {migration.Version}.");
            Execute(connection, transaction, migration.Sql);
            migration.Data?.Invoke(connection, transaction);
            Execute(connection, transaction, $"PRAGMA user_version = {migration.Version}");
            current = migration.Version;
        }
        transaction.Commit();
        return current;
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
