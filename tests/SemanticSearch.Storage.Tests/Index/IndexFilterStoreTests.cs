using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Index;

/// <summary>The vector index store's filter columns on a real catalog and index in a temp folder.</summary>
public sealed class IndexFilterStoreTests : IDisposable
{
    private const int Dim = 32;
    private static readonly DateTimeOffset Day0 = new(2021, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new("semsearch-filters");
    private readonly CatalogStore _catalog;
    private readonly float[] _vectors = new ClusteredVectors(Dim, 5, 0.7f, seed: 31).Sample(200, seed: 31);
    private VectorIndexStore _store;

    public IndexFilterStoreTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _store = OpenStore();
        _store.EnsureModel("test-model", Dim);
    }

    [Fact]
    public void Writes_and_deletes_keep_the_index_filter_in_step_with_the_catalog()
    {
        var a = AddSource("/a");
        var b = AddSource("/b");
        var inA = Write(Enumerable.Range(0, 20).Select(i => Image(a, $"/a/img_{i}.jpg", i)));
        Write(Enumerable.Range(20, 20).Select(i => Image(b, $"/b/img_{i}.jpg", i)));
        Assert.Equal(inA.Order(), SearchAll(new SearchFilter(SourceId: a)));

        var deleted = inA.Take(5).ToArray();
        _store.Apply(_catalog.WriteBatch(new CatalogBatch { Deleted = deleted }));
        Assert.Equal(inA.Skip(5).Order(), SearchAll(new SearchFilter(SourceId: a)));
        Assert.All(deleted, id => Assert.False(_store.Tiers.Filters!.Contains(id)));

        var added = Write([Image(a, "/a/new/late.png", 100) with { Format = "png" }]);
        Assert.Equal(added, SearchAll(new SearchFilter(SourceId: a, Format: "png")));

        // Reopened: the columns are rebuilt from the catalog.
        _store.Dispose();
        _store = OpenStore();
        Assert.Equal(inA.Skip(5).Concat(added).Order(), SearchAll(new SearchFilter(SourceId: a)));
        Assert.Equal(added, SearchAll(new SearchFilter(FolderPrefix: "/a/new/")));
    }

    [Fact]
    public void While_the_collection_is_small_the_exact_tier_applies_the_filter()
    {
        _store.Dispose();
        _store = OpenStore(exactBelow: 1000);
        var a = AddSource("/a");
        var b = AddSource("/b");
        var inA = Write(Enumerable.Range(0, 10).Select(i => Image(a, $"/a/img_{i}.jpg", i)));
        Write(Enumerable.Range(10, 10).Select(i => Image(b, $"/b/img_{i}.jpg", i)));

        Assert.True(_store.Tiers.IsExact);
        IFilteredVectorIndex index = _store.Tiers;
        Assert.Equal(inA.Order(), index.Search(_vectors.AsSpan(0, Dim), 100, new SearchFilter(SourceId: a)).Select(m => m.Key).Order());
    }

    [Fact]
    public void A_moved_image_is_found_by_its_new_folder_and_source_only()
    {
        var a = AddSource("/a");
        var b = AddSource("/b");
        var ids = Write([Image(a, "/a/old/cat.jpg", 0), Image(a, "/a/old/dog.jpg", 1)]);

        _store.Apply(_catalog.WriteBatch(new CatalogBatch { Moved = [new MovedImage(ids[0], b, "/b/new/cat.jpg", 1000, Day0)] }));

        Assert.Equal([ids[0]], SearchAll(new SearchFilter(FolderPrefix: "/b/new/")));
        Assert.Equal([ids[0]], SearchAll(new SearchFilter(SourceId: b)));
        Assert.Equal([ids[1]], SearchAll(new SearchFilter(FolderPrefix: "/a/old/")));
        Assert.Equal([ids[1]], SearchAll(new SearchFilter(SourceId: a)));
    }

    [Fact]
    public void Catalog_query_row_check_and_index_filter_agree_on_every_filter()
    {
        var a = AddSource("/p");
        var b = AddSource("/q");
        string[] locations = ["/p/a/img_1.jpg", "/p/a/img_12.png", "/p/a/img_2.gif", "/p/ab/img_1.jpg", "/p/a/x/img_1.jpg",
            "/p/A/img_1.jpg", "/p/img_1.jpg", @"/p/win\img_1.jpg", "/p/a/%_.jpg", "/q/a/img_1.png"];
        Write(locations.Select((location, i) => Image(location.StartsWith("/q", StringComparison.Ordinal) ? b : a, location, i) with
        {
            Format = Path.GetExtension(location) switch { ".png" => "PNG", ".gif" => null, _ => "jpeg" },
            DateTaken = i % 3 == 0 ? null : Day0.AddDays(i),
        }));
        SearchFilter[] filters =
        [
            new(SourceId: a), new(SourceId: b), new(FolderPrefix: "/p/a/"), new(FolderPrefix: "/p/a"), new(FolderPrefix: "/p/a/img_1"),
            new(FolderPrefix: "/p/a/x/"), new(FolderPrefix: "/p/"), new(FolderPrefix: "/p/win"), new(FolderPrefix: "/p/a/%"),
            new(Format: "PNG"), new(Format: "jpeg"), new(TakenFrom: Day0.AddDays(4)), new(TakenTo: Day0.AddDays(5)),
            new(SourceId: a, FolderPrefix: "/p/a", Format: "jpeg", TakenFrom: Day0, TakenTo: Day0.AddDays(8)),
        ];
        var all = _catalog.FindIndexedIds(SearchFilter.None, 1000);
        Assert.Equal(locations.Length, all.Count);

        foreach (var filter in filters)
        {
            var bySql = _catalog.FindIndexedIds(filter, 1000).Order().ToArray();
            var byRow = _catalog.GetImages(all).Values
                .Where(image => FilterCondition.AllAccept(FilterCondition.Of(filter), ImageFilterValues.Of(image)))
                .Select(image => image.Id).Order().ToArray();
            Assert.True(bySql.SequenceEqual(byRow), $"{filter}: SQL [{string.Join(",", bySql)}], row check [{string.Join(",", byRow)}]");
            var byIndex = SearchAll(filter);
            Assert.True(bySql.SequenceEqual(byIndex), $"{filter}: SQL [{string.Join(",", bySql)}], index [{string.Join(",", byIndex)}]");
            // The search service's exact path takes the matching ids from the index's columns instead of SQL.
            var matching = ((IFilteredVectorIndex)_store.Tiers).MatchingKeys(filter, 1000);
            Assert.True(bySql.SequenceEqual(matching), $"{filter}: SQL [{string.Join(",", bySql)}], matching keys [{string.Join(",", matching)}]");
            Assert.Equal(bySql.Take(2), ((IFilteredVectorIndex)_store.Tiers).MatchingKeys(filter, 2));
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        _catalog.Dispose();
        _temp.Dispose();
    }

    private VectorIndexStore OpenStore(int exactBelow = 0) =>
        VectorIndexStore.Open(_catalog, _temp.Combine("vectors.usearch"), new VectorIndexOptions { ExactBelow = exactBelow });

    private long AddSource(string folder) =>
        _catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = folder }).Id;

    private EmbeddedImage Image(long source, string location, int i) => new()
    {
        SourceId = source,
        Location = location,
        Size = 1000 + i,
        Modified = Day0,
        ContentHash = $"hash-{location}",
        Format = "jpeg",
        Embedding = _vectors.AsSpan(i * Dim, Dim).ToArray(),
    };

    private long[] Write(IEnumerable<EmbeddedImage> images)
    {
        var result = _catalog.WriteBatch(new CatalogBatch { Indexed = [.. images] });
        _store.Apply(result);
        return [.. result.IndexedIds];
    }

    /// <summary>Every image the filtered HNSW search returns (asking for far more than exist), in id order.</summary>
    private long[] SearchAll(SearchFilter filter)
    {
        Assert.False(_store.Tiers.IsExact);
        IFilteredVectorIndex index = _store.Tiers;
        return [.. index.Search(_vectors.AsSpan(0, Dim), 500, filter).Select(m => m.Key).Order()];
    }
}
