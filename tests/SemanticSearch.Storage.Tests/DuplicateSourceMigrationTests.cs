using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>
/// A catalog written by the previous schema (version 2), with the duplicate sources older versions let in, a saved
/// vector index beside it, then opened by this program.
/// </summary>
public sealed class DuplicateSourceMigrationTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-merge");
    private readonly string _photos;
    private readonly string _link;

    public DuplicateSourceMigrationTests()
    {
        _photos = Directory.CreateDirectory(_temp.Combine("photos")).FullName;
        _link = _temp.Combine("link");
        Directory.CreateSymbolicLink(_link, _photos);
    }

    private string CatalogPath => _temp.Combine("catalog.db");

    private string IndexPath => _temp.Combine("vectors.usearch");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Duplicate_folder_sources_from_an_old_catalog_become_one_and_keep_every_image_once()
    {
        using (var old = new CatalogStore(CatalogPath, CatalogMigrations.All.Take(2).ToList()))
        {
            old.EnsureModel(TestData.ModelId, TestData.Dim);
            using var index = VectorIndexStore.Open(old, IndexPath, new VectorIndexOptions { ExactBelow = 0 });
            var plain = OldCatalogRows.InsertSource(old.DatabasePath, SourceKind.Folder, _photos);          // the CLI's spelling
            var slash = OldCatalogRows.InsertSource(old.DatabasePath, SourceKind.Folder, _photos + "/");    // the web's spelling
            var linked = OldCatalogRows.InsertSource(old.DatabasePath, SourceKind.Folder, _link);           // through a link
            index.Apply(old.WriteBatch(new CatalogBatch
            {
                Indexed =
                [
                    TestData.Image(plain, $"{_photos}/a.jpg", 1),
                    TestData.Image(slash, $"{_photos}/a.jpg", 2),
                    TestData.Image(linked, $"{_link}/a.jpg", 3),
                    TestData.Image(slash, $"{_photos}/b.jpg", 4),
                    TestData.Image(linked, $"{_link}/sub/c.jpg", 5),
                ],
                Failed = [TestData.Failure(plain, $"{_photos}/b.jpg")],
            }));
            Assert.True(index.Checkpoint());
            Assert.Equal(5, index.Index.Count);
        }

        using var catalog = new CatalogStore(CatalogPath);
        using var upgraded = VectorIndexStore.Open(catalog, IndexPath, new VectorIndexOptions { ExactBelow = 0 });

        var source = Assert.Single(catalog.GetSources());
        Assert.Equal((SourceKind.Folder, _photos), (source.Kind, source.Location));
        var images = catalog.GetImages(catalog.FindIndexedIds(SearchFilter.None, 100)).Values.ToList();
        Assert.Equal(
            [$"{_photos}/a.jpg", $"{_photos}/b.jpg", $"{_photos}/sub/c.jpg"],
            images.Select(i => i.Location).Order(StringComparer.Ordinal));
        Assert.All(images, i => Assert.Equal(source.Id, i.SourceId));
        // The copies left the index when it caught up with the catalog; every kept vector is still there.
        Assert.Equal(3, upgraded.Index.Count);
        Assert.All(images, i => Assert.True(upgraded.Index.Contains(i.Id)));
        // The indexed row beat the failed one for b.jpg, so nothing has to be embedded again.
        Assert.Equal(0, catalog.GetStats().Failed);
    }

    [Fact]
    public void Duplicate_web_sources_from_an_old_catalog_become_one_canonical_url()
    {
        long upper, canonical, other;
        using (var old = new CatalogStore(CatalogPath, CatalogMigrations.All.Take(2).ToList()))
        {
            old.EnsureModel(TestData.ModelId, TestData.Dim);
            upper = OldCatalogRows.InsertSource(old.DatabasePath, SourceKind.Web, "HTTP://Example.com:80");
            canonical = OldCatalogRows.InsertSource(old.DatabasePath, SourceKind.Web, "http://example.com/");
            other = OldCatalogRows.InsertSource(old.DatabasePath, SourceKind.Folder, _photos + "/", enabled: false);
            old.WriteBatch(new CatalogBatch
            {
                Indexed =
                [
                    TestData.Image(upper, "http://example.com/x.png", 1),
                    TestData.Image(canonical, "http://example.com/x.png", 2),
                    TestData.Image(canonical, "http://example.com/y.png", 3),
                ],
            });
        }

        using var catalog = new CatalogStore(CatalogPath);

        Assert.Equal(
            [(upper, SourceKind.Web, "http://example.com/", true), (other, SourceKind.Folder, _photos, false)],
            catalog.GetSources().Select(s => (s.Id, s.Kind, s.Location, s.Enabled)));
        var images = catalog.GetImages(catalog.FindIndexedIds(SearchFilter.None, 100)).Values;
        Assert.Equal(["http://example.com/x.png", "http://example.com/y.png"], images.Select(i => i.Location).Order(StringComparer.Ordinal));
        Assert.All(images, i => Assert.Equal(upper, i.SourceId));
    }
}
