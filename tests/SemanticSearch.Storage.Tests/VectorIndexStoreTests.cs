using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

public sealed class VectorIndexStoreTests : IDisposable
{
    private static readonly VectorIndexOptions HnswOnly = new() { ExactBelow = 0 };

    private readonly TempDirectory _temp = new();
    private readonly CatalogStore _catalog;
    private readonly long _source;

    public VectorIndexStoreTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _catalog.EnsureModel(TestData.ModelId, TestData.Dim);
        _source = _catalog.AddSource(TestData.Folder("/photos")).Id;
    }

    private string IndexPath => _temp.Combine("vectors.usearch");

    public void Dispose()
    {
        _catalog.Dispose();
        _temp.Dispose();
    }

    private VectorIndexStore Open(VectorIndexOptions? options = null, bool readOnly = false) =>
        VectorIndexStore.Open(_catalog, IndexPath, options ?? HnswOnly, readOnly);

    private CatalogWriteResult WriteImages(int from, int count) => _catalog.WriteBatch(new CatalogBatch
    {
        Indexed = [.. Enumerable.Range(from, count).Select(i => TestData.Image(_source, $"/photos/{i}.jpg", i))],
    });

    /// <summary>Every indexed image is in the index exactly once, with its own vector as nearest neighbour.</summary>
    private void AssertConsistent(VectorIndexStore store)
    {
        var indexed = _catalog.ReadVectorChanges(0).Where(c => !c.IsRemoval).ToList();
        Assert.Equal(indexed.Count, store.Index.Count);
        foreach (var change in indexed)
        {
            Assert.True(store.Index.Contains(change.Key));
            Assert.Equal(change.Key, store.Index.Search(change.Vector, 1)[0].Key);
        }
    }

    private void BuildSavedIndex(int images)
    {
        using var store = Open();
        store.Apply(WriteImages(0, images));
        Assert.True(store.Checkpoint());
    }

    [Fact]
    public void A_current_file_is_loaded_as_saved()
    {
        BuildSavedIndex(50);
        using var store = Open();
        Assert.Equal(IndexRecoveryKind.Loaded, store.Recovery.Kind);
        Assert.Equal(_catalog.GetSequence(), store.AppliedSequence);
        AssertConsistent(store);
    }

    [Fact]
    public void A_deleted_file_is_rebuilt_from_the_catalog()
    {
        BuildSavedIndex(50);
        File.Delete(IndexPath);
        using var store = Open();
        Assert.Equal(IndexRecoveryKind.Rebuilt, store.Recovery.Kind);
        Assert.Equal(50, store.Recovery.Applied);
        AssertConsistent(store);
        Assert.True(File.Exists(IndexPath)); // and saved again, so the next start is fast
        Assert.Equal(_catalog.GetSequence(), _catalog.GetIndexCheckpoint()!.Sequence);
    }

    [Fact]
    public void A_truncated_file_is_rebuilt()
    {
        BuildSavedIndex(50);
        using (var stream = new FileStream(IndexPath, FileMode.Open))
            stream.SetLength(stream.Length / 2);
        using var store = Open();
        Assert.Equal(IndexRecoveryKind.Rebuilt, store.Recovery.Kind);
        Assert.Contains("bytes", store.Recovery.Reason);
        AssertConsistent(store);
    }

    [Fact]
    public void A_garbled_file_of_the_right_length_is_rebuilt()
    {
        BuildSavedIndex(50);
        var bytes = File.ReadAllBytes(IndexPath);
        for (var i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++)
            bytes[i] ^= 0x5A;
        File.WriteAllBytes(IndexPath, bytes);
        using var store = Open();
        Assert.Equal(IndexRecoveryKind.Rebuilt, store.Recovery.Kind);
        Assert.Contains("SHA-256", store.Recovery.Reason);
        AssertConsistent(store);
    }

    [Fact]
    public void A_file_without_a_checkpoint_is_not_trusted()
    {
        File.WriteAllText(IndexPath, "not an index at all");
        WriteImages(0, 10);
        using var store = Open();
        Assert.Equal(IndexRecoveryKind.Rebuilt, store.Recovery.Kind);
        AssertConsistent(store);
    }

    [Fact]
    public void A_file_behind_the_catalog_is_caught_up_including_deletions()
    {
        BuildSavedIndex(40);
        // Catalog writes the index never saw, as after a crash between commit and checkpoint.
        var deleted = _catalog.GetKnownImages(_source)["/photos/3.jpg"].Id;
        WriteImages(40, 10);
        _catalog.WriteBatch(new CatalogBatch { Deleted = [deleted] });

        using (var store = Open())
        {
            Assert.Equal(IndexRecoveryKind.CaughtUp, store.Recovery.Kind);
            Assert.Equal(11, store.Recovery.Applied);
            Assert.False(store.Index.Contains(deleted));
            AssertConsistent(store);
        }
        using var reopened = Open();
        Assert.Equal(IndexRecoveryKind.Loaded, reopened.Recovery.Kind); // the catch-up was saved
    }

    [Fact]
    public void Applying_batches_adds_replaces_and_removes_vectors()
    {
        using var store = Open();
        var first = WriteImages(0, 20);
        store.Apply(first);
        var changed = _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_source, "/photos/0.jpg", 999)],
            Deleted = [first.IndexedIds[1]],
            Failed = [TestData.Failure(_source, "/photos/2.jpg")],
        });
        store.Apply(changed);

        Assert.Equal(18, store.Index.Count);
        Assert.False(store.Index.Contains(first.IndexedIds[1]));
        Assert.False(store.Index.Contains(first.IndexedIds[2]));
        Assert.Equal(first.IndexedIds[0], store.Index.Search(TestData.Vector(999), 1)[0].Key);
        AssertConsistent(store);
        store.Apply(changed); // applying twice changes nothing
        Assert.Equal(18, store.Index.Count);
    }

    [Fact]
    public void A_write_the_store_did_not_see_is_caught_up_on_the_next_apply()
    {
        using var store = Open();
        store.Apply(WriteImages(0, 5));
        WriteImages(5, 5); // another process
        store.Apply(WriteImages(10, 5));
        Assert.Equal(15, store.Index.Count);
        Assert.Equal(_catalog.GetSequence(), store.AppliedSequence);
        AssertConsistent(store);
    }

    [Fact]
    public void Unsaved_changes_are_saved_on_shutdown()
    {
        BuildSavedIndex(10);
        using (var store = Open())
            store.Apply(WriteImages(10, 5));
        Assert.Equal(_catalog.GetSequence(), _catalog.GetIndexCheckpoint()!.Sequence);
        using var reopened = Open();
        Assert.Equal(IndexRecoveryKind.Loaded, reopened.Recovery.Kind);
        Assert.Equal(15, reopened.Index.Count);
    }

    [Fact]
    public void A_model_change_empties_the_index_and_never_mixes_vectors()
    {
        BuildSavedIndex(30);
        using (var store = Open())
        {
            Assert.False(store.EnsureModel(TestData.ModelId, TestData.Dim));
            Assert.True(store.EnsureModel("bigger-model", 24));
            Assert.Equal((24, 0L), (store.Index.Dimension, store.Index.Count));
            Assert.Equal(30, _catalog.GetStats().Pending);
            Assert.Throws<ArgumentException>(() => _catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, "/photos/0.jpg", 1)] }));
            store.Apply(_catalog.WriteBatch(new CatalogBatch { Indexed = [TestData.Image(_source, "/photos/0.jpg", 1, dim: 24)] }));
        }
        using var reopened = Open();
        Assert.Equal(IndexRecoveryKind.Loaded, reopened.Recovery.Kind);
        Assert.Equal((24, 1L), (reopened.Index.Dimension, reopened.Index.Count));
    }

    [Fact]
    public void A_file_of_another_model_is_rebuilt_for_the_catalog_model()
    {
        BuildSavedIndex(30);
        _catalog.EnsureModel("other", 8); // changed behind the store's back
        _catalog.SetIndexCheckpoint(new IndexCheckpoint(_catalog.GetSequence(), TestData.ModelId, TestData.Dim, DateTimeOffset.UtcNow));
        using var store = Open();
        Assert.Equal(IndexRecoveryKind.Rebuilt, store.Recovery.Kind);
        Assert.Contains("model", store.Recovery.Reason);
        Assert.Equal((8, 0L), (store.Index.Dimension, store.Index.Count));
    }

    [Fact]
    public void A_read_only_store_maps_a_current_file_and_refuses_writes()
    {
        BuildSavedIndex(20);
        using var store = Open(readOnly: true);
        Assert.Equal(IndexRecoveryKind.Loaded, store.Recovery.Kind);
        Assert.True(store.Tiers.Hnsw.IsReadOnly);
        AssertConsistent(store);
        Assert.Throws<InvalidOperationException>(() => store.Checkpoint());
    }

    [Fact]
    public void A_read_only_store_catches_up_in_memory_without_saving()
    {
        BuildSavedIndex(20);
        var checkpoint = _catalog.GetIndexCheckpoint();
        WriteImages(20, 5);
        using (var store = Open(readOnly: true))
        {
            Assert.Equal(IndexRecoveryKind.CaughtUp, store.Recovery.Kind);
            AssertConsistent(store);
        }
        Assert.Equal(checkpoint, _catalog.GetIndexCheckpoint());
    }

    [Fact]
    public void Small_collections_are_searched_exactly_until_they_outgrow_the_threshold()
    {
        var options = new VectorIndexOptions { ExactBelow = 10 };
        using (var store = Open(options))
        {
            store.Apply(WriteImages(0, 8));
            Assert.True(store.Tiers.IsExact);
            AssertConsistent(store);
            store.Apply(WriteImages(8, 5));
            Assert.False(store.Tiers.IsExact);
            AssertConsistent(store);
        }
        _catalog.WriteBatch(new CatalogBatch { Deleted = [.. _catalog.ReadVectorChanges(0).Take(6).Select(c => c.Key)] });
        using var reopened = Open(options);
        Assert.True(reopened.Tiers.IsExact); // shrunk below the threshold: exact again after a restart
        AssertConsistent(reopened);
    }

    [Fact]
    public void No_model_means_an_empty_index_without_a_dimension()
    {
        using var empty = new CatalogStore(_temp.Combine("empty.db"));
        using var store = VectorIndexStore.Open(empty, _temp.Combine("empty.usearch"), HnswOnly);
        Assert.Equal(IndexRecoveryKind.Empty, store.Recovery.Kind);
        Assert.Equal(0, store.Index.Dimension);
        Assert.False(store.Checkpoint());
        Assert.True(store.EnsureModel(TestData.ModelId, TestData.Dim));
        Assert.Equal(TestData.Dim, store.Index.Dimension);
    }
}
