namespace SemanticSearch.Storage.Catalog;

/// <summary>One step of the catalog schema. Versions are consecutive from 1; a shipped migration is never edited.</summary>
internal sealed record CatalogMigration(int Version, string Description, string Sql);
