using Microsoft.Data.Sqlite;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// One step of the catalog schema. Versions are consecutive from 1; a shipped migration is never edited.
/// <see cref="Data"/> runs after <see cref="Sql"/>, in the same transaction, for changes SQL alone cannot make.
/// </summary>
internal sealed record CatalogMigration(int Version, string Description, string Sql, Action<SqliteConnection, SqliteTransaction>? Data = null);
