namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// The catalog schema as an ordered list of migrations. Times are UTC ticks (full precision, so change detection
/// can compare modification times exactly); embeddings are float32 little-endian BLOBs; singleton tables hold one row.
/// </summary>
internal static class CatalogMigrations
{
    public static IReadOnlyList<CatalogMigration> All { get; } =
    [
        new(1, "sources, images, model, change sequence, index checkpoint", """
            CREATE TABLE sources (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                kind          INTEGER NOT NULL,
                location      TEXT    NOT NULL,
                include_globs TEXT    NOT NULL DEFAULT '[]',
                exclude_globs TEXT    NOT NULL DEFAULT '[]',
                watch         INTEGER NOT NULL DEFAULT 0,
                max_depth     INTEGER NOT NULL DEFAULT 0,
                enabled       INTEGER NOT NULL DEFAULT 1,
                added         INTEGER NOT NULL,
                UNIQUE (kind, location)
            );

            -- No foreign key to sources: removing a source leaves its images as tombstones the index catch-up can see.
            CREATE TABLE images (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                source_id      INTEGER NOT NULL,
                location       TEXT    NOT NULL,
                size           INTEGER NOT NULL,
                modified       INTEGER NOT NULL,
                content_hash   TEXT,
                width          INTEGER NOT NULL DEFAULT 0,
                height         INTEGER NOT NULL DEFAULT 0,
                format         TEXT,
                date_taken     INTEGER,
                camera         TEXT,
                status         INTEGER NOT NULL,
                failure_kind   TEXT,
                failure_reason TEXT,
                model_id       TEXT,
                embedding      BLOB,
                thumbnail_path TEXT,
                first_seen     INTEGER NOT NULL,
                updated        INTEGER NOT NULL,
                change_seq     INTEGER NOT NULL,
                UNIQUE (source_id, location)
            );
            CREATE INDEX images_content_hash ON images (content_hash) WHERE content_hash IS NOT NULL;
            CREATE INDEX images_change_seq ON images (change_seq);

            CREATE TABLE catalog_model (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                model_id  TEXT    NOT NULL,
                dimension INTEGER NOT NULL,
                adopted   INTEGER NOT NULL
            );

            CREATE TABLE change_sequence (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                value     INTEGER NOT NULL
            );
            INSERT INTO change_sequence (singleton, value) VALUES (1, 0);

            CREATE TABLE index_checkpoint (
                singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
                sequence    INTEGER NOT NULL,
                model_id    TEXT    NOT NULL,
                dimension   INTEGER NOT NULL,
                saved_at    INTEGER NOT NULL,
                file_length INTEGER,
                file_sha256 TEXT
            );
            """),
        new(2, "indexing runs log; status index for stats and recent failures", """
            CREATE TABLE runs (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                mode       TEXT    NOT NULL,
                started    INTEGER NOT NULL,
                finished   INTEGER,
                outcome    TEXT,
                discovered INTEGER NOT NULL DEFAULT 0,
                indexed    INTEGER NOT NULL DEFAULT 0,
                failed     INTEGER NOT NULL DEFAULT 0,
                skipped    INTEGER NOT NULL DEFAULT 0,
                deleted    INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX images_status_updated ON images (status, updated);
            """),
        new(3, "one source per location (duplicates merged); removed sources remembered", """
            -- Sources a person removed: settings (appsettings.json) do not add them back to this catalog.
            CREATE TABLE removed_sources (
                kind     INTEGER NOT NULL,
                location TEXT    NOT NULL,
                removed  INTEGER NOT NULL,
                PRIMARY KEY (kind, location)
            );
            """, DuplicateSourceMerge.Apply),
        // A table of its own, not a column of sources: migration 3 reads sources with the columns of its time.
        new(4, "when each source was last scanned to the end (admin page)", """
            CREATE TABLE source_scans (
                source_id    INTEGER PRIMARY KEY,
                last_scanned INTEGER NOT NULL
            );
            """),
        // The answering model's vectors stay in images.embedding (the crawler and the index read them there); this
        // table keeps every model's, so a switch embeds beside the answering model and switching back is instant.
        new(5, "vectors per model; the switch under way; the chosen model", """
            CREATE TABLE model_vectors (
                model_id TEXT    NOT NULL,
                image_id INTEGER NOT NULL,
                vector   BLOB    NOT NULL,
                PRIMARY KEY (model_id, image_id)
            ) WITHOUT ROWID;
            CREATE INDEX model_vectors_image ON model_vectors (image_id);
            INSERT INTO model_vectors (model_id, image_id, vector)
                SELECT model_id, id, embedding FROM images WHERE embedding IS NOT NULL AND model_id IS NOT NULL;

            -- Vectors describe content: new content or a deleted image makes every model's stored vector of it stale.
            CREATE TRIGGER images_content_changed AFTER UPDATE OF content_hash, status ON images
                WHEN NEW.content_hash IS NOT OLD.content_hash OR NEW.status = 3
            BEGIN
                DELETE FROM model_vectors WHERE image_id = NEW.id;
            END;

            CREATE TABLE model_switch (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                model_id  TEXT NOT NULL,
                name      TEXT,
                path      TEXT,
                variant   TEXT,
                started   INTEGER NOT NULL
            );

            CREATE TABLE model_choice (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                name      TEXT,
                path      TEXT,
                variant   TEXT,
                chosen    INTEGER NOT NULL
            );

            CREATE TABLE kept_models (
                model_id TEXT PRIMARY KEY,
                since    INTEGER NOT NULL
            );
            """),
    ];

    /// <summary>The schema version a fully migrated catalog has.</summary>
    public static int Latest => All[^1].Version;
}
