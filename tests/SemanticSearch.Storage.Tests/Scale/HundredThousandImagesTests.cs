using SemanticSearch.Clip;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Search;
using SemanticSearch.Imaging;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Scale;

/// <summary>
/// 100,000 images written through the product's own write path (catalog batch writes applied to the vector index
/// store, as the crawler does), then searched through the search service with and without filters, after deletes and
/// after a restart (and a second one, which must load the saved graph and answer alike), each time against brute force
/// over the rows the test knows.
/// </summary>
public sealed class HundredThousandImagesTests
{
    private const int Count = 100_000;
    private const int K = 10;

    private static readonly SearchFilter[] Filters =
    [
        SearchFilter.None,
        new(FolderPrefix: SyntheticLibrary.Root + "folder-07/"), // 2 %: ranked exactly over the matching rows
        new(Format: "png"), // a third: filtered inside the index
        new(TakenFrom: new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero), TakenTo: new DateTimeOffset(2010, 3, 1, 0, 0, 0, TimeSpan.Zero)), // under 1 %
    ];

    [Fact]
    public async Task Search_filters_deletes_and_a_restart_agree_with_exact_search_at_a_hundred_thousand_images()
    {
        using var temp = new TempDirectory("semsearch-100k");
        using var model = ClipEmbeddingModel.Load(new ClipModelOptions { Path = RepoPaths.DemoModel });
        var decoder = new SkiaImageDecoder();
        var embedder = new ImageEmbedder(model.Images, decoder, new ClipImagePreprocessor(decoder), thumbnailSide: 320);
        var catalog = new CatalogStore(temp.Combine("catalog.db"));
        catalog.EnsureModel(model.ModelId, model.Dimension);
        var store = VectorIndexStore.Open(catalog, temp.Combine("vectors.usearch"), new VectorIndexOptions());
        var sourceId = catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = SyntheticLibrary.Root }).Id;
        var rows = new Dictionary<long, EmbeddedImage>();
        foreach (var chunk in new SyntheticLibrary(sourceId, Count, model.Dimension, seed: 7).Images.Chunk(5_000))
        {
            var written = catalog.WriteBatch(new CatalogBatch { Indexed = chunk });
            store.Apply(written);
            for (var i = 0; i < chunk.Length; i++)
                rows[written.IndexedIds[i]] = chunk[i];
        }
        Assert.Equal(Count, store.Index.Count);
        var sample = rows.Keys.Order().Where((_, i) => i % 2_500 == 0).ToArray();

        await AssertAgreesWithExactAsync(new SearchService(model, embedder, catalog, store.Index), sample, rows);

        var deleted = rows.Keys.Where(id => id % 10 == 3).ToList();
        store.Apply(catalog.WriteBatch(new CatalogBatch { Deleted = deleted }));
        foreach (var id in deleted)
            rows.Remove(id);
        var survivors = sample.Where(rows.ContainsKey).ToArray();
        await AssertAgreesWithExactAsync(new SearchService(model, embedder, catalog, store.Index), survivors, rows);

        store.Checkpoint();
        store.Dispose();
        catalog.Dispose();
        // The crawler's incremental adds never measure the search expansion, so the first start rebuilds the graph to
        // calibrate it (other answers, same recall); from then on a restart loads the saved graph and must answer alike.
        var afterRebuild = await ReopenAndSearchAsync(temp, model, embedder, survivors, rows, expected: null);
        await ReopenAndSearchAsync(temp, model, embedder, survivors, rows, expected: afterRebuild);
    }

    /// <summary>Opens the data folder again, checks it against exact search, and (when given) against earlier answers.</summary>
    private static async Task<List<long[]>> ReopenAndSearchAsync(
        TempDirectory temp, ClipEmbeddingModel model, ImageEmbedder embedder, long[] queries, Dictionary<long, EmbeddedImage> rows, List<long[]>? expected)
    {
        using var catalog = new CatalogStore(temp.Combine("catalog.db"));
        using var store = VectorIndexStore.Open(catalog, temp.Combine("vectors.usearch"), new VectorIndexOptions());
        Assert.Equal(rows.Count, store.Index.Count);
        var found = await AssertAgreesWithExactAsync(new SearchService(model, embedder, catalog, store.Index), queries, rows);
        if (expected is not null)
        {
            Assert.Equal(IndexRecoveryKind.Loaded, store.Recovery.Kind);
            Assert.Equal(expected, found);
        }
        return found;
    }

    /// <summary>
    /// Every filter's mean recall@10 against brute force is at least 0.95, and every hit exists, is not deleted and
    /// passes the filter. Returns the ids found, per query and filter, to compare runs.
    /// </summary>
    private static async Task<List<long[]>> AssertAgreesWithExactAsync(SearchService service, long[] queries, IReadOnlyDictionary<long, EmbeddedImage> rows)
    {
        var found = new List<long[]>();
        foreach (var filter in Filters)
        {
            var recall = 0.0;
            foreach (var id in queries)
            {
                var response = await service.SearchAsync(new SearchQuery { SimilarTo = id, Limit = K, HideNearDuplicates = false, Filter = filter });
                var ids = response.Results.Select(h => h.Image.Id).ToArray();
                var exact = ExactNeighbours.Of(rows[id].Embedding, rows, filter, exclude: id, K);
                Assert.All(ids, hit => Assert.True(rows.TryGetValue(hit, out var row) && ExactNeighbours.Accepts(filter, row), $"hit {hit}"));
                Assert.Equal(Math.Min(K, exact.Length), ids.Length);
                recall += exact.Length == 0 ? 1 : (double)ids.Intersect(exact).Count() / exact.Length;
                found.Add(ids);
            }
            var mean = recall / queries.Length;
            Assert.True(mean >= 0.95, $"mean recall@{K} {mean:F3} with filter {filter}");
        }
        return found;
    }
}
