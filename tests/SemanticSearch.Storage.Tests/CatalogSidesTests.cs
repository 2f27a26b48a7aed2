using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>The read and crawl sides of the catalog, as the shared composition hands them out.</summary>
public sealed class CatalogSidesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private ServiceProvider Compose() => StorageComposition.Over(_temp.Path);

    [Fact]
    public void The_reader_and_the_crawl_side_see_what_the_writer_stored()
    {
        using var services = Compose();
        var writer = services.GetRequiredService<ICatalogWriter>();
        writer.EnsureModel(TestData.ModelId, TestData.Dim);
        var source = services.GetRequiredService<ICatalogStore>().AddSource(TestData.Folder("/photos")).Id;

        var id = writer.Write(new CatalogBatch { Indexed = [TestData.Image(source, "/photos/a.jpg", 3)] }).IndexedIds[0];

        Assert.Equal("/photos/a.jpg", services.GetRequiredService<ICatalogReader>().GetImage(id)!.Location);
        Assert.Equal(id, services.GetRequiredService<ICrawlCatalog>().GetKnownImages(source)["/photos/a.jpg"].Id);
    }

    [Fact]
    public void A_side_resolved_last_does_not_close_the_catalog_before_the_index_is_saved()
    {
        using (var services = Compose())
        {
            var writer = services.GetRequiredService<ICatalogWriter>();
            writer.EnsureModel(TestData.ModelId, TestData.Dim);
            var source = services.GetRequiredService<ICatalogStore>().AddSource(TestData.Folder("/photos")).Id;
            writer.Write(new CatalogBatch { Indexed = [TestData.Image(source, "/photos/a.jpg", 3)] });
            // Resolved after the index store, so a container disposes it first.
            Assert.Single(services.GetRequiredService<ICatalogReader>().GetSources());
            Assert.NotNull(services.GetRequiredService<ICrawlCatalog>().GetModel());
        }

        using var catalog = new CatalogStore(new DataFolder(_temp.Path).CatalogPath);
        Assert.Equal(catalog.GetSequence(), catalog.GetIndexCheckpoint()!.Sequence);
    }
}
