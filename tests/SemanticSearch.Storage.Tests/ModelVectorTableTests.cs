using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Models;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>
/// The catalog's vectors per model: a second model's vectors live beside the answering ones, a flip swaps which
/// answer in one step, and the index rebuilt after it holds one model's vectors only.
/// </summary>
public sealed class ModelVectorTableTests : IDisposable
{
    private const string Old = "model-a";
    private const string New = "model-b";
    private const int NewDim = 24;
    private readonly TempDirectory _temp = new();
    private readonly CatalogStore _catalog;
    private readonly ModelVectorTable _table;

    public ModelVectorTableTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _catalog.EnsureModel(Old, TestData.Dim);
        var source = _catalog.AddSource(TestData.Folder("/photos")).Id;
        _catalog.WriteBatch(new CatalogBatch { Indexed = [.. Enumerable.Range(0, 6).Select(i => TestData.Image(source, $"/photos/{i}.jpg", i))] });
        _table = new ModelVectorTable(_catalog);
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_flip_answers_with_the_new_models_vectors_keeps_the_old_ones_and_the_index_holds_one_model_only()
    {
        var images = _table.IndexedWithoutVector(New, 0, 100);
        Assert.Equal(6, images.Count);
        // Every image but the last has a vector of the new model (the last could not be read during the switch).
        var vectors = images.SkipLast(1).Select(i => new KeyValuePair<long, float[]>(i.Id, TestData.Vector(1000 + (int)i.Id, NewDim))).ToList();
        _table.StoreVectors(New, vectors);
        Assert.Equal(5, _table.CountVectors(New));
        Assert.Equal(Old, _catalog.GetStats().Model!.ModelId);

        var choice = new ModelChoice { Name = "b" };
        Assert.Equal(1, _table.Flip(New, NewDim, choice, DateTimeOffset.UtcNow));

        var stats = _catalog.GetStats();
        Assert.Equal(new CatalogModel(New, NewDim), stats.Model);
        Assert.Equal(5, stats.Indexed);
        Assert.Equal(1, stats.Pending);
        // Every image indexed now still has its old model's vector: switching back embeds nothing.
        Assert.Equal(5, _table.CountVectors(Old));
        Assert.Contains(Old, _table.KeptSince().Keys);
        Assert.Equal(choice, _table.GetChosenModel());
        using var store = VectorIndexStore.Open(_catalog, _temp.Combine("vectors.usearch"), new VectorIndexOptions { ExactBelow = 0 }, readOnly: false);
        Assert.Equal(5, store.Index.Count);
        foreach (var (id, vector) in vectors)
            Assert.Equal(id, store.Index.Search(vector, 1)[0].Key);
    }
}
