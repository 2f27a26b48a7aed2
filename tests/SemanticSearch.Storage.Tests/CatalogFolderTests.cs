using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

public sealed class CatalogFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CatalogStore _catalog;

    public CatalogFolderTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _catalog.EnsureModel(TestData.ModelId, TestData.Dim);
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Folders_count_the_indexed_images_directly_inside_them_most_first_within_the_limit()
    {
        var photos = _catalog.AddSource(TestData.Folder("/photos")).Id;
        var web = _catalog.AddSource(new CatalogSource { Kind = SourceKind.Web, Location = "https://example.org/" }).Id;
        _catalog.WriteBatch(new CatalogBatch
        {
            Indexed =
            [
                TestData.Image(photos, "/photos/a.jpg", 1),
                TestData.Image(photos, "/photos/2024/b.jpg", 2),
                TestData.Image(photos, "/photos/2024/c.jpg", 3),
                TestData.Image(photos, "/photos/2024/may/d.jpg", 4),
                TestData.Image(photos, "/photos/50%_off/e.jpg", 5),
                TestData.Image(web, "https://example.org/img/f.png", 6),
            ],
            Failed = [TestData.Failure(photos, "/photos/broken/x.jpg")],
        });

        var folders = _catalog.GetFolders(10);

        Assert.Equal(new CatalogFolder(photos, "/photos/2024/", 2), folders[0]);
        Assert.Equal(5, folders.Count); // the failed image's folder is not offered
        Assert.Contains(new CatalogFolder(photos, "/photos/", 1), folders);
        Assert.Contains(new CatalogFolder(photos, "/photos/2024/may/", 1), folders);
        Assert.Contains(new CatalogFolder(photos, "/photos/50%_off/", 1), folders);
        Assert.Contains(new CatalogFolder(web, "https://example.org/img/", 1), folders);
        Assert.Equal([new CatalogFolder(photos, "/photos/2024/", 2)], _catalog.GetFolders(1));
    }
}
