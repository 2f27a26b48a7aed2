using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>The write owner over a real SQLite catalog and the real USearch index: callers never apply by hand.</summary>
public sealed class IndexedCatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CatalogStore _catalog;
    private readonly VectorIndexStore _store;
    private readonly IndexedCatalog _owner;
    private readonly long _source;

    public IndexedCatalogTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _store = VectorIndexStore.Open(_catalog, _temp.Combine("vectors.usearch"), new VectorIndexOptions { ExactBelow = 0 });
        _owner = new IndexedCatalog(_catalog, _store);
        _owner.EnsureModel(TestData.ModelId, TestData.Dim);
        _source = _catalog.AddSource(TestData.Folder("/photos")).Id;
    }

    public void Dispose()
    {
        _store.Dispose();
        _catalog.Dispose();
        _temp.Dispose();
    }

    private CatalogWriteResult WriteImages(int from, int count, long? source = null) => _owner.Write(new CatalogBatch
    {
        Indexed = [.. Enumerable.Range(from, count).Select(i => TestData.Image(source ?? _source, $"/photos/{i}.jpg", i))],
    });

    private long NearestTo(int seed) => _store.Index.Search(TestData.Vector(seed), 1)[0].Key;

    [Fact]
    public void A_write_through_the_owner_is_searchable_without_a_separate_apply()
    {
        var written = WriteImages(0, 20);

        Assert.Equal(20, _store.Index.Count);
        Assert.Equal(written.IndexedIds[7], NearestTo(7));
        Assert.Equal(_catalog.GetSequence(), _store.AppliedSequence);
    }

    [Fact]
    public void Deleting_through_the_owner_removes_the_vector_from_the_index()
    {
        var written = WriteImages(0, 10);
        var gone = written.IndexedIds[3];

        _owner.Write(new CatalogBatch { Deleted = [gone] });

        Assert.False(_store.Index.Contains(gone));
        Assert.Equal(9, _store.Index.Count);
        Assert.DoesNotContain(_store.Index.Search(TestData.Vector(3), 10), m => m.Key == gone);
        Assert.Equal(ImageStatus.Deleted, _catalog.GetImage(gone)!.Status);
    }

    [Fact]
    public void Removing_a_source_through_the_owner_takes_its_images_out_of_the_index()
    {
        var other = _catalog.AddSource(TestData.Folder("/other")).Id;
        var kept = WriteImages(0, 5).IndexedIds;
        var removed = _owner.Write(new CatalogBatch
        {
            Indexed = [.. Enumerable.Range(5, 5).Select(i => TestData.Image(other, $"/other/{i}.jpg", i))],
        }).IndexedIds;

        var result = _owner.RemoveSource(other);

        Assert.Equal(5, result.Changes.Count(c => c.IsRemoval));
        Assert.All(removed, id => Assert.False(_store.Index.Contains(id)));
        Assert.All(kept, id => Assert.True(_store.Index.Contains(id)));
        Assert.Equal(kept[2], NearestTo(2));
    }

    [Fact]
    public void A_write_the_owner_did_not_make_is_caught_up_by_its_next_write()
    {
        WriteImages(0, 5);
        // Another writer of the same catalog file (a CLI beside the web host), which this index never saw.
        using (var elsewhere = new CatalogStore(_temp.Combine("catalog.db")))
            elsewhere.WriteBatch(new CatalogBatch { Indexed = [.. Enumerable.Range(5, 5).Select(i => TestData.Image(_source, $"/photos/{i}.jpg", i))] });

        WriteImages(10, 5);

        Assert.Equal(15, _store.Index.Count);
        Assert.Equal(_catalog.GetSequence(), _store.AppliedSequence);
        Assert.Equal(_catalog.GetImages([.. Enumerable.Range(1, 200).Select(i => (long)i)]).Values
            .Single(i => i.Location == "/photos/6.jpg").Id, NearestTo(6));
    }

    [Fact]
    public void A_checkpoint_through_the_owner_is_loaded_as_saved_after_a_restart()
    {
        var written = WriteImages(0, 12);

        Assert.True(_owner.Checkpoint());

        using var reopened = VectorIndexStore.Open(_catalog, _temp.Combine("vectors.usearch"), new VectorIndexOptions { ExactBelow = 0 });
        Assert.Equal(IndexRecoveryKind.Loaded, reopened.Recovery.Kind);
        Assert.Equal(written.IndexedIds[4], reopened.Index.Search(TestData.Vector(4), 1)[0].Key);
    }
}
