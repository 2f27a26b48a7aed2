using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>What the admin page reads about sources and failures, from a real catalog file.</summary>
public sealed class SourceOverviewTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-source-overview");
    private readonly CatalogStore _catalog;
    private readonly long _photos;
    private readonly long _scans;

    public SourceOverviewTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _catalog.EnsureModel(TestData.ModelId, TestData.Dim);
        _photos = _catalog.AddSource(TestData.Folder(Directory.CreateDirectory(_temp.Combine("photos")).FullName)).Id;
        _scans = _catalog.AddSource(TestData.Folder(Directory.CreateDirectory(_temp.Combine("scans")).FullName)).Id;
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Each_source_counts_its_own_images_and_tombstones_are_not_counted()
    {
        _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [TestData.Image(_photos, "/p/a.jpg", 1), TestData.Image(_photos, "/p/b.jpg", 2), TestData.Image(_scans, "/s/c.jpg", 3)],
            Failed = [TestData.Failure(_photos, "/p/x.jpg")],
        });
        _catalog.RemoveSource(_scans);

        var counts = _catalog.GetSourceImageCounts();

        Assert.Equal(new SourceImageCounts(2, 0, 1), counts[_photos]);
        Assert.Equal(3, counts[_photos].Total);
        Assert.False(counts.ContainsKey(_scans));
    }

    [Fact]
    public void A_scan_to_the_end_is_remembered_per_source_and_survives_reopening()
    {
        Assert.All(_catalog.GetSources(), s => Assert.Null(s.LastScanned));

        _catalog.MarkSourcesScanned([_photos]);
        _catalog.Dispose();
        using var reopened = new CatalogStore(_temp.Combine("catalog.db"));

        Assert.NotNull(reopened.GetSource(_photos)!.LastScanned);
        Assert.Null(reopened.GetSource(_scans)!.LastScanned);
        Assert.InRange(reopened.GetSources().Single(s => s.Id == _photos).LastScanned!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Failures_can_be_read_one_kind_at_a_time_and_change_detection_sees_the_kind()
    {
        _catalog.WriteBatch(new CatalogBatch
        {
            Failed = [TestData.Failure(_photos, "/p/x.jpg"), TestData.Failure(_photos, "/p/y.png", "NotAnImage"), TestData.Failure(_photos, "/p/z.jpg")],
        });

        Assert.Equal(["/p/y.png"], _catalog.GetRecentFailures(10, "NotAnImage").Select(f => f.Location));
        Assert.Equal(2, _catalog.GetRecentFailures(10, "Corrupt").Count);
        Assert.Empty(_catalog.GetRecentFailures(10, "HttpError"));
        Assert.Equal("NotAnImage", _catalog.GetKnownImages(_photos)["/p/y.png"].FailureKind);
    }
}
