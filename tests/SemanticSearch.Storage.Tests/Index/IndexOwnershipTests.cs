using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Index;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Index;

/// <summary>The store is the one disposer of its index; whoever is lent the index cannot free it.</summary>
public sealed class IndexOwnershipTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Disposing_the_lent_index_leaves_the_store_searching()
    {
        using var catalog = new CatalogStore(_temp.Combine("catalog.db"));
        using var store = VectorIndexStore.Open(catalog, _temp.Combine("vectors.usearch"), new VectorIndexOptions { ExactBelow = 0 });
        var writer = new IndexedCatalog(catalog, store);
        writer.EnsureModel(TestData.ModelId, TestData.Dim);
        var source = catalog.AddSource(TestData.Folder("/photos")).Id;
        var id = writer.Write(new CatalogBatch { Indexed = [TestData.Image(source, "/photos/a.jpg", 5)] }).IndexedIds[0];

        store.Index.Dispose();

        Assert.Equal(id, store.Index.Search(TestData.Vector(5), 1)[0].Key);
        Assert.True(writer.Checkpoint());
    }

    [Fact]
    public void Disposing_the_composition_saves_the_index_before_it_is_freed()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SemanticSearch:DataDirectory"] = _temp.Path })
            .Build();
        long id;
        using (var services = new ServiceCollection().AddStorage(settings).BuildServiceProvider())
        {
            var writer = services.GetRequiredService<ICatalogWriter>();
            writer.EnsureModel(TestData.ModelId, TestData.Dim);
            var source = services.GetRequiredService<ICatalogStore>().AddSource(TestData.Folder("/photos")).Id;
            id = writer.Write(new CatalogBatch { Indexed = [TestData.Image(source, "/photos/a.jpg", 9)] }).IndexedIds[0];
            // Resolved after the store, so the container disposes it first: the store's shutdown save must still work.
            Assert.Equal(id, services.GetRequiredService<IVectorIndex>().Search(TestData.Vector(9), 1)[0].Key);
        }

        var folder = new DataFolder(_temp.Path);
        using var catalog = new CatalogStore(folder.CatalogPath);
        Assert.Equal(catalog.GetSequence(), catalog.GetIndexCheckpoint()!.Sequence);
        using var reopened = VectorIndexStore.Open(catalog, folder.VectorIndexPath);
        Assert.Equal(IndexRecoveryKind.Loaded, reopened.Recovery.Kind);
        Assert.Equal(id, reopened.Index.Search(TestData.Vector(9), 1)[0].Key);
    }
}
