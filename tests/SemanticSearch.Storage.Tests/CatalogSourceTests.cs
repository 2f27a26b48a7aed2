using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>Sources in a real catalog file: one row per location, and removals that stick.</summary>
public sealed class CatalogSourceTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-sources");
    private readonly CatalogStore _catalog;
    private readonly string _photos;

    public CatalogSourceTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _photos = Directory.CreateDirectory(_temp.Combine("photos")).FullName;
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Every_spelling_of_a_folder_or_url_is_stored_as_one_source()
    {
        Directory.CreateSymbolicLink(_temp.Combine("link"), _photos);

        var first = _catalog.AddSource(TestData.Folder(_photos));
        Assert.Equal(first.Id, _catalog.AddSource(TestData.Folder(_photos + "/")).Id);
        Assert.Equal(first.Id, _catalog.AddSource(TestData.Folder(_temp.Combine("link"))).Id);
        var web = _catalog.AddSource(new CatalogSource { Kind = SourceKind.Web, Location = "HTTP://Example.com" });
        Assert.Equal(web.Id, _catalog.AddSource(new CatalogSource { Kind = SourceKind.Web, Location = "http://example.com:80/#x" }).Id);

        Assert.Equal([_photos, "http://example.com/"], _catalog.GetSources().Select(s => s.Location));
    }

    [Fact]
    public void A_removed_source_is_not_added_back_from_the_settings()
    {
        var source = _catalog.AddConfiguredSource(TestData.Folder(_photos))!;
        _catalog.RemoveSource(source.Id);

        Assert.Null(_catalog.AddConfiguredSource(TestData.Folder(_photos + "/")));
        Assert.Empty(_catalog.GetSources());
    }

    [Fact]
    public void The_removal_is_kept_in_the_catalog_file_across_restarts()
    {
        var path = _temp.Combine("restart.db");
        using (var before = new CatalogStore(path))
            before.RemoveSource(before.AddConfiguredSource(TestData.Folder(_photos))!.Id);

        using var after = new CatalogStore(path);
        Assert.Null(after.AddConfiguredSource(TestData.Folder(_photos)));
        Assert.Empty(after.GetSources());
    }

    [Fact]
    public void Adding_a_removed_source_on_purpose_brings_it_back_for_the_settings_too()
    {
        _catalog.RemoveSource(_catalog.AddConfiguredSource(TestData.Folder(_photos))!.Id);

        var again = _catalog.AddSource(TestData.Folder(_photos));

        Assert.Equal(again.Id, _catalog.AddConfiguredSource(TestData.Folder(_photos) with { Watch = true })!.Id);
        Assert.True(Assert.Single(_catalog.GetSources()).Watch);
    }
}
