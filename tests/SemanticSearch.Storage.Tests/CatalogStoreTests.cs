using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

public sealed class CatalogStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CatalogStore _catalog;
    private readonly long _source;

    public CatalogStoreTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _catalog.EnsureModel(TestData.ModelId, TestData.Dim);
        _source = _catalog.AddSource(TestData.Folder("/photos")).Id;
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_fresh_file_gets_the_latest_schema_in_wal_mode()
    {
        Assert.Equal(CatalogMigrations.Latest, _catalog.SchemaVersion);
        using var connection = new SqliteConnection($"Data Source={_catalog.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('sources','images','catalog_model','change_sequence','index_checkpoint','runs')";
        Assert.Equal(6L, command.ExecuteScalar());
    }

    [Fact]
    public void An_existing_older_file_is_migrated_and_keeps_its_data()
    {
        var path = _temp.Combine("old.db");
        using (var old = new CatalogStore(path, CatalogMigrations.All.Take(1).ToList()))
        {
            Assert.Equal(1, old.SchemaVersion);
            old.EnsureModel(TestData.ModelId, TestData.Dim);
            var source = OldCatalogRows.InsertSource(path, SourceKind.Folder, "/old");
            old.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(source, "/old/a.jpg", 1)] });
        }
        using var upgraded = new CatalogStore(path);
        Assert.Equal(CatalogMigrations.Latest, upgraded.SchemaVersion);
        Assert.Equal(1, upgraded.GetStats().Indexed);
        Assert.NotEqual(0, upgraded.StartRun("incremental")); // the runs table came with version 2
    }

    [Fact]
    public void A_file_from_a_newer_program_is_refused()
    {
        var path = _temp.Combine("new.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {CatalogMigrations.Latest + 1}";
            command.ExecuteNonQuery();
        }
        var error = Assert.Throws<InvalidOperationException>(() => new CatalogStore(path));
        Assert.Contains("newer", error.Message);
    }

    [Fact]
    public void Sources_are_added_once_per_kind_and_location_and_updated_in_place()
    {
        var again = _catalog.AddSource(TestData.Folder("/photos") with { Include = ["**/*.jpg"], Watch = true, Enabled = false });
        Assert.Equal(_source, again.Id);
        Assert.Equal(["**/*.jpg"], again.Include);
        Assert.True(again.Watch);
        Assert.False(again.Enabled);
        var web = _catalog.AddSource(new CatalogSource { Kind = SourceKind.Web, Location = "http://127.0.0.1/", MaxDepth = 2 });
        Assert.Equal([_source, web.Id], _catalog.GetSources().Select(s => s.Id));
        Assert.Equal(2, _catalog.GetSource(web.Id)!.MaxDepth);
    }

    [Fact]
    public void Removing_a_source_tombstones_its_images_and_removes_their_vectors()
    {
        var other = _catalog.AddSource(TestData.Folder("/other")).Id;
        var written = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/a.jpg", 1), TestData.Image(other, "/other/b.jpg", 2)],
        });
        var removed = _catalog.RemoveSource(_source);

        Assert.Equal(written.Sequence, removed.PreviousSequence);
        Assert.Equal([written.IndexedIds[0]], removed.Changes.Where(c => c.IsRemoval).Select(c => c.Key));
        Assert.Null(_catalog.GetSource(_source));
        Assert.Equal(ImageStatus.Deleted, _catalog.GetImage(written.IndexedIds[0])!.Status);
        Assert.Equal(ImageStatus.Indexed, _catalog.GetImage(written.IndexedIds[1])!.Status);
        Assert.Equal(removed.Sequence, _catalog.RemoveSource(_source).Sequence); // unknown now: nothing changes
    }

    [Fact]
    public void A_batch_stores_rows_with_exact_times_and_returns_the_index_changes()
    {
        var image = TestData.Image(_source, "/photos/a.jpg", 1, taken: new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)));
        var result = _catalog.WriteBatch(new CatalogBatch { Indexed = [image] });

        var id = Assert.Single(result.IndexedIds);
        Assert.Equal(result.PreviousSequence + 1, result.Sequence);
        var change = Assert.Single(result.Changes);
        Assert.Equal(id, change.Key);
        Assert.Equal(image.Embedding, change.Vector);
        var stored = _catalog.GetImage(id)!;
        Assert.Equal(image.Modified, stored.Modified);
        Assert.Equal(image.Modified.UtcTicks, stored.Modified.UtcTicks); // change detection compares exactly
        Assert.Equal(image.DateTaken, stored.DateTaken);
        Assert.Equal(("jpeg", 640, 480, "Test Cam", TestData.ModelId), (stored.Format, stored.Width, stored.Height, stored.Camera, stored.ModelId));
        Assert.Equal(image.Embedding, _catalog.GetEmbedding(id));
        var known = _catalog.GetKnownImages(_source)["/photos/a.jpg"];
        Assert.Equal((id, image.Size, image.Modified, image.ContentHash, ImageStatus.Indexed),
            (known.Id, known.Size, known.Modified, known.ContentHash, known.Status));
    }

    [Fact]
    public void A_changed_file_keeps_its_id_and_a_failure_removes_its_vector()
    {
        var first = _catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, "/photos/a.jpg", 1)] });
        var second = _catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, "/photos/a.jpg", 2)] });
        Assert.Equal(first.IndexedIds, second.IndexedIds);
        Assert.Equal(TestData.Vector(2), _catalog.GetEmbedding(first.IndexedIds[0]));

        var failed = _catalog.WriteBatch(new CatalogBatch { Failed = [TestData.Failure(_source, "/photos/a.jpg")] });
        var change = Assert.Single(failed.Changes);
        Assert.True(change.IsRemoval);
        var row = _catalog.GetImage(first.IndexedIds[0])!;
        Assert.Equal((ImageStatus.Failed, "Corrupt"), (row.Status, row.FailureKind));
        Assert.Null(_catalog.GetEmbedding(row.Id));
    }

    [Fact]
    public void An_exception_mid_batch_leaves_nothing_half_written()
    {
        var before = _catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, "/photos/keep.jpg", 1)] });
        var bad = new CatalogBatch
        {
            Indexed =
            [
                TestData.Image(_source, "/photos/new.jpg", 2),
                TestData.Image(_source, "/photos/keep.jpg", 3),
                TestData.Image(_source, "/photos/wrong.jpg", 4, dim: TestData.Dim + 1), // fails after two writes
            ],
            Failed = [TestData.Failure(_source, "/photos/broken.jpg")],
        };
        Assert.Throws<ArgumentException>(() => _catalog.WriteBatch(bad));

        Assert.Equal(before.Sequence, _catalog.GetSequence());
        Assert.Equal(["/photos/keep.jpg"], _catalog.GetKnownImages(_source).Keys);
        Assert.Equal(TestData.Vector(1), _catalog.GetEmbedding(before.IndexedIds[0]));

        Assert.Throws<ArgumentException>(() => _catalog.WriteBatch(new CatalogBatch
        {
            Deleted = [before.IndexedIds[0]],
            Moved = [new MovedImage(987654, _source, "/photos/x.jpg", 1, DateTimeOffset.UnixEpoch)],
        }));
        Assert.Equal(ImageStatus.Indexed, _catalog.GetImage(before.IndexedIds[0])!.Status);
        Assert.Equal(before.Sequence, _catalog.GetSequence());
    }

    [Fact]
    public void A_moved_file_is_found_by_hash_and_keeps_its_id_and_embedding()
    {
        var written = _catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, "/photos/old/a.jpg", 1, hash: "abc")] });
        var id = written.IndexedIds[0];

        var byHash = Assert.Single(_catalog.FindIndexedByContentHash("abc"));
        Assert.Equal(id, byHash.Id);
        Assert.Empty(_catalog.FindIndexedByContentHash("nope"));

        var moved = _catalog.WriteBatch(new CatalogBatch
        {
            Moved = [new MovedImage(id, _source, "/photos/new/a.jpg", 1001, DateTimeOffset.UnixEpoch.AddDays(1))],
        });
        Assert.Empty(moved.Changes); // same key, same vector: nothing for the index to do
        var row = _catalog.GetImage(id)!;
        Assert.Equal(("/photos/new/a.jpg", ImageStatus.Indexed), (row.Location, row.Status));
        Assert.Equal(TestData.Vector(1), _catalog.GetEmbedding(id));
        Assert.Equal(["/photos/new/a.jpg"], _catalog.GetKnownImages(_source).Keys);
    }

    [Fact]
    public void Moving_onto_an_occupied_location_evicts_the_occupant()
    {
        var written = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/a.jpg", 1), TestData.Image(_source, "/photos/b.jpg", 2)],
        });
        var (a, b) = (written.IndexedIds[0], written.IndexedIds[1]);
        var moved = _catalog.WriteBatch(new CatalogBatch { Moved = [new MovedImage(a, _source, "/photos/b.jpg", 1, DateTimeOffset.UnixEpoch)] });

        Assert.Equal([b], moved.Changes.Where(c => c.IsRemoval).Select(c => c.Key));
        Assert.Equal(ImageStatus.Deleted, _catalog.GetImage(b)!.Status);
        Assert.Equal(a, _catalog.GetKnownImages(_source)["/photos/b.jpg"].Id);
    }

    [Fact]
    public void Deleted_images_leave_change_detection_and_touched_ones_only_change_size_and_time()
    {
        var written = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/a.jpg", 1), TestData.Image(_source, "/photos/b.jpg", 2)],
        });
        var touchedAt = DateTimeOffset.UnixEpoch.AddYears(40).AddTicks(3);
        var result = _catalog.WriteBatch(new CatalogBatch
        {
            Deleted = [written.IndexedIds[0]],
            Touched = [new TouchedImage(written.IndexedIds[1], 5, touchedAt)],
        });

        Assert.Equal([new VectorChange(written.IndexedIds[0], null)], result.Changes);
        var known = _catalog.GetKnownImages(_source);
        Assert.Equal(["/photos/b.jpg"], known.Keys);
        Assert.Equal((5L, touchedAt), (known["/photos/b.jpg"].Size, known["/photos/b.jpg"].Modified));
        Assert.Equal(TestData.Vector(2), _catalog.GetEmbedding(written.IndexedIds[1]));
    }

    [Fact]
    public void A_model_change_makes_everything_pending_without_embeddings()
    {
        var written = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/a.jpg", 1)],
            Failed = [TestData.Failure(_source, "/photos/bad.jpg")],
        });
        _catalog.SetIndexCheckpoint(new IndexCheckpoint(written.Sequence, TestData.ModelId, TestData.Dim, DateTimeOffset.UtcNow));

        Assert.False(_catalog.EnsureModel(TestData.ModelId, TestData.Dim));
        Assert.NotNull(_catalog.GetIndexCheckpoint());
        Assert.True(_catalog.EnsureModel("other-model", 32));

        Assert.Equal(new CatalogModel("other-model", 32), _catalog.GetModel());
        Assert.Null(_catalog.GetIndexCheckpoint());
        var row = _catalog.GetImage(written.IndexedIds[0])!;
        Assert.Equal((ImageStatus.Pending, (string?)null), (row.Status, row.ModelId));
        Assert.Null(_catalog.GetEmbedding(row.Id));
        Assert.Equal(1, _catalog.GetStats().Failed); // failures are about files, not models
        Assert.All(_catalog.ReadVectorChanges(0), c => Assert.True(c.IsRemoval));
        // Old-model vectors can no longer be stored.
        Assert.Throws<ArgumentException>(() => _catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, "/photos/a.jpg", 1)] }));
    }

    [Fact]
    public void Vector_changes_after_a_sequence_hold_the_final_state_of_each_image()
    {
        var first = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/a.jpg", 1), TestData.Image(_source, "/photos/b.jpg", 2)],
        });
        var second = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/c.jpg", 3)],
            Deleted = [first.IndexedIds[0]],
        });

        var all = _catalog.ReadVectorChanges(0).ToList();
        Assert.Equal(3, all.Count);
        var since = _catalog.ReadVectorChanges(first.Sequence).ToList();
        Assert.Equal([first.IndexedIds[0], second.IndexedIds[0]], since.Select(c => c.Key));
        Assert.True(since[0].IsRemoval);
        Assert.Equal(TestData.Vector(3), since[1].Vector);
        Assert.Empty(_catalog.ReadVectorChanges(second.Sequence));
    }

    [Fact]
    public void Filters_select_indexed_images_by_source_prefix_format_and_date()
    {
        var other = _catalog.AddSource(TestData.Folder("/other")).Id;
        var day = new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed =
            [
                TestData.Image(_source, "/photos/2021/a.jpg", 1, taken: day),
                TestData.Image(_source, "/photos/2022/b.png", 2, format: "PNG", taken: day.AddYears(1)),
                TestData.Image(other, "/other/c_%.jpg", 3),
            ],
            Failed = [TestData.Failure(_source, "/photos/2021/broken.jpg")],
        }).IndexedIds;

        Assert.Equal(ids.Take(2), _catalog.FindIndexedIds(new SearchFilter(SourceId: _source), 100));
        Assert.Equal([ids[0]], _catalog.FindIndexedIds(new SearchFilter(FolderPrefix: "/photos/2021/"), 100));
        Assert.Empty(_catalog.FindIndexedIds(new SearchFilter(FolderPrefix: "/PHOTOS/"), 100)); // case-sensitive
        Assert.Equal([ids[2]], _catalog.FindIndexedIds(new SearchFilter(FolderPrefix: "/other/c_%"), 100)); // no wildcards
        Assert.Equal([ids[1]], _catalog.FindIndexedIds(new SearchFilter(Format: "png"), 100));
        Assert.Equal([ids[1]], _catalog.FindIndexedIds(new SearchFilter(TakenFrom: day.AddDays(1)), 100));
        Assert.Equal([ids[0]], _catalog.FindIndexedIds(new SearchFilter(TakenTo: day.AddDays(1)), 100));
        Assert.Equal(2, _catalog.FindIndexedIds(SearchFilter.None, 2).Count);
    }

    [Fact]
    public void Stats_runs_and_recent_failures_are_reported()
    {
        _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/a.jpg", 1)],
            Failed = [TestData.Failure(_source, "/photos/x.jpg"), TestData.Failure(_source, "/photos/y.jpg"), TestData.Failure(_source, "/photos/z.png", "NotAnImage")],
        });
        var run = _catalog.StartRun("incremental");
        _catalog.FinishRun(run, "completed", new IndexRunCounts(4, 1, 3, 0, 0));

        var stats = _catalog.GetStats();
        Assert.Equal((1L, 3L, 0L, 0L, 1L), (stats.Indexed, stats.Failed, stats.Deleted, stats.Pending, stats.Sources));
        Assert.Equal(new Dictionary<string, long> { ["Corrupt"] = 2, ["NotAnImage"] = 1 }, stats.FailuresByKind);
        Assert.Equal(new CatalogModel(TestData.ModelId, TestData.Dim), stats.Model);
        Assert.True(stats.DatabaseBytes > 0);
        var logged = Assert.Single(_catalog.GetRecentRuns(5));
        Assert.Equal(("incremental", "completed", 3L), (logged.Mode, logged.Outcome, logged.Counts.Failed));
        Assert.NotNull(logged.FinishedAt);
        Assert.Equal(3, _catalog.GetRecentFailures(10).Count);
        Assert.All(_catalog.GetRecentFailures(10), f => Assert.Equal(ImageStatus.Failed, f.Status));
    }

    [Fact]
    public async Task Readers_see_committed_batches_while_the_writer_is_busy()
    {
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
                _catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, $"/photos/{i}.jpg", i)] });
        });
        var reader = Task.Run(() =>
        {
            long last = 0;
            while (!writer.IsCompleted)
            {
                var count = _catalog.GetStats().Indexed;
                Assert.True(count >= last);
                last = count;
            }
        });
        await Task.WhenAll(writer, reader);
        Assert.Equal(50, _catalog.GetStats().Indexed);
    }
}
