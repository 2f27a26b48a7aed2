using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Search;

public sealed class SearchServiceTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private readonly SearchService _service = fixture.Service();

    private Task<SearchResponse> Search(SearchQuery query) => _service.SearchAsync(query);

    private float[] Stored(long id) => fixture.Catalog.GetEmbedding(id)!;

    private float[] Expected(params (float Weight, string Text)[] terms)
    {
        var embeddings = fixture.Model.Text.EncodeTexts([.. terms.Select(t => t.Text)]);
        var sum = new float[fixture.Model.Dimension];
        for (var i = 0; i < terms.Length; i++)
            for (var j = 0; j < sum.Length; j++)
                sum[j] += terms[i].Weight * embeddings[i][j];
        VectorMath.NormalizeInPlace(sum);
        return sum;
    }

    [Fact]
    public async Task An_image_query_finds_that_image_first()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(SearchFixture.PhotosFolder, "rocket.jpg"));
        var response = await Search(new SearchQuery { Image = bytes, Limit = 5 });
        Assert.Equal(fixture.Ids["rocket.jpg"], response.Results[0].Image.Id);
        Assert.True(response.Results[0].Score > 0.99f, $"score {response.Results[0].Score}");
        Assert.Equal(Path.Combine(SearchFixture.PhotosFolder, "rocket.jpg"), response.Results[0].Image.Location);
    }

    [Fact]
    public async Task A_text_query_ranks_by_cosine_to_the_text_embedding()
    {
        var response = await Search(new SearchQuery { Text = "a photo of a cat", Limit = 30, HideNearDuplicates = false });
        var expected = Expected((1, "a photo of a cat"));

        Assert.Equal(fixture.Ids.Count, response.Results.Count);
        Assert.False(response.HasMore);
        foreach (var hit in response.Results)
            Assert.Equal(VectorMath.Dot(expected, Stored(hit.Image.Id)), hit.Score, 3);
        Assert.Equal(response.Results.OrderByDescending(h => h.Score).Select(h => h.Image.Id), response.Results.Select(h => h.Image.Id));
    }

    [Fact]
    public async Task A_weighted_expression_searches_for_the_normalised_weighted_sum()
    {
        var response = await Search(new SearchQuery { Text = "cat + 0.5 snow - dog", Limit = 10, HideNearDuplicates = false });
        var expected = Expected((1, "cat"), (0.5f, "snow"), (-1, "dog"));
        Assert.Equal(10, response.Results.Count);
        foreach (var hit in response.Results)
            Assert.Equal(VectorMath.Dot(expected, Stored(hit.Image.Id)), hit.Score, 3);
    }

    [Fact]
    public async Task Text_and_image_mix_with_the_image_weight()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(SearchFixture.PhotosFolder, "coffee.webp"));
        var response = await Search(new SearchQuery { Text = "a rocket", Image = bytes, ImageWeight = 2, Limit = 3, HideNearDuplicates = false });
        var text = fixture.Model.Text.EncodeTexts(["a rocket"])[0];
        var image = Stored(fixture.Ids["coffee.webp"]); // the stored embedding of the same bytes
        var expected = text.Zip(image, (t, i) => t + 2 * i).ToArray();
        VectorMath.NormalizeInPlace(expected);
        foreach (var hit in response.Results)
            Assert.Equal(VectorMath.Dot(expected, Stored(hit.Image.Id)), hit.Score, 3);
    }

    [Fact]
    public async Task More_like_this_uses_the_stored_embedding_and_leaves_the_image_out()
    {
        var id = fixture.Ids["chelsea.jpg"];
        var response = await Search(new SearchQuery { SimilarTo = id, Limit = 30, HideNearDuplicates = false });
        Assert.DoesNotContain(response.Results, h => h.Image.Id == id);
        Assert.Equal(fixture.Ids.Count - 1, response.Results.Count);
        Assert.StartsWith("chelsea", Path.GetFileName(response.Results[0].Image.Location));
        foreach (var hit in response.Results)
            Assert.Equal(VectorMath.Dot(Stored(id), Stored(hit.Image.Id)), hit.Score, 3);
    }

    [Fact]
    public async Task Near_duplicates_are_hidden_unless_asked_for()
    {
        var all = await Search(new SearchQuery { Text = "a cat", Limit = 30, HideNearDuplicates = false });
        var deduplicated = await Search(new SearchQuery { Text = "a cat", Limit = 30 });

        Assert.True(deduplicated.Results.Count < all.Results.Count, "the fixtures hold the same photos in several formats");
        var kept = deduplicated.Results.Select(h => Stored(h.Image.Id)).ToList();
        for (var i = 0; i < kept.Count; i++)
            for (var j = i + 1; j < kept.Count; j++)
                Assert.True(VectorMath.Dot(kept[i], kept[j]) < 0.95f);
        // Every hidden result is a near-duplicate of a better kept one.
        foreach (var hidden in all.Results.Where(h => deduplicated.Results.All(d => d.Image.Id != h.Image.Id)))
        {
            Assert.Contains(deduplicated.Results, d => d.Score >= hidden.Score
                && VectorMath.Dot(Stored(d.Image.Id), Stored(hidden.Image.Id)) >= 0.95f);
        }
    }

    [Fact]
    public async Task Pages_continue_the_same_ranking()
    {
        var full = await Search(new SearchQuery { Text = "a cup of coffee", Limit = 30, HideNearDuplicates = false });
        var second = await Search(new SearchQuery { Text = "a cup of coffee", Offset = 5, Limit = 5, HideNearDuplicates = false });
        var last = await Search(new SearchQuery { Text = "a cup of coffee", Offset = 15, Limit = 5, HideNearDuplicates = false });

        Assert.Equal(full.Results.Skip(5).Take(5).Select(h => h.Image.Id), second.Results.Select(h => h.Image.Id));
        Assert.True(second.HasMore);
        Assert.Equal(full.Results.Skip(15).Select(h => h.Image.Id), last.Results.Select(h => h.Image.Id));
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task A_minimum_score_drops_weaker_results()
    {
        var full = await Search(new SearchQuery { Text = "an astronaut", Limit = 30, HideNearDuplicates = false });
        var min = full.Results[full.Results.Count / 2].Score;
        var strong = await Search(new SearchQuery { Text = "an astronaut", Limit = 30, HideNearDuplicates = false, MinScore = min });
        Assert.Equal(full.Results.Where(h => h.Score >= min).Select(h => h.Image.Id), strong.Results.Select(h => h.Image.Id));
        Assert.True(strong.Results.Count < full.Results.Count);
    }

    [Theory]
    [InlineData(20_000)] // exact search over the filtered images
    [InlineData(0)]      // over-fetch from the index and filter
    public async Task Filters_restrict_by_format_folder_and_date(int exactFilterBelow)
    {
        var service = fixture.Service(new SearchOptions { ExactFilterBelow = exactFilterBelow });
        var png = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = 30, HideNearDuplicates = false, Filter = new SearchFilter(Format: "PNG") });
        var pngCount = fixture.Ids.Keys.Count(name => name.EndsWith(".png", StringComparison.Ordinal));
        Assert.Equal(pngCount, png.Results.Count);
        Assert.All(png.Results, h => Assert.Equal("png", h.Image.Format));

        var prefix = Path.Combine(SearchFixture.PhotosFolder, "chelsea");
        var chelsea = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = 30, HideNearDuplicates = false, Filter = new SearchFilter(FolderPrefix: prefix) });
        Assert.Equal(fixture.Ids.Keys.Count(n => n.StartsWith("chelsea", StringComparison.Ordinal)), chelsea.Results.Count);

        var dated = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = 30, HideNearDuplicates = false, Filter = new SearchFilter(TakenFrom: DateTimeOffset.UnixEpoch) });
        var withDate = fixture.Catalog.GetImages([.. fixture.Ids.Values]).Values.Count(i => i.DateTaken >= DateTimeOffset.UnixEpoch);
        Assert.Equal(withDate, dated.Results.Count);

        var otherSource = await service.SearchAsync(new SearchQuery { Text = "a cat", Filter = new SearchFilter(SourceId: fixture.SourceId + 1) });
        Assert.Empty(otherSource.Results);
    }

    [Fact]
    public async Task The_exact_and_approximate_filtered_paths_agree()
    {
        var query = new SearchQuery { Text = "a red rocket", Limit = 10, Filter = new SearchFilter(Format: "jpeg") };
        var exact = await fixture.Service(new SearchOptions { ExactFilterBelow = 20_000 }).SearchAsync(query);
        var approximate = await fixture.Service(new SearchOptions { ExactFilterBelow = 0 }).SearchAsync(query);
        Assert.Equal(exact.Results.Select(h => h.Image.Id), approximate.Results.Select(h => h.Image.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task An_empty_query_is_rejected(string? text) =>
        Assert.Contains("empty", (await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { Text = text }))).Message);

    [Fact]
    public async Task Malformed_queries_are_rejected_with_reasons()
    {
        Assert.Contains("characters", (await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { Text = new string('x', 1001) }))).Message);
        Assert.Contains("cancel out", (await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { Text = "cat - cat" }))).Message);
        Assert.Contains("empty term", (await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { Text = "cat + " }))).Message);
        await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { Text = "cat", Limit = 0 }));
        await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { Text = "cat", Offset = -1 }));
        await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { Text = "cat", MinScore = 2 }));
    }

    [Fact]
    public async Task An_unknown_image_id_is_not_found()
    {
        var error = await Assert.ThrowsAsync<SearchQueryException>(() => Search(new SearchQuery { SimilarTo = 987654 }));
        Assert.True(error.NotFound);
    }

    [Fact]
    public async Task A_query_image_that_is_not_an_image_fails_as_a_decode_error()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Fixtures, "bad", "random.jpg"));
        await Assert.ThrowsAsync<ImageDecodeException>(() => Search(new SearchQuery { Image = bytes }));
    }

    [Fact]
    public async Task Only_indexed_images_of_the_catalog_model_are_searched()
    {
        using var temp = new TempDirectory();
        using var catalog = new CatalogStore(temp.Combine("catalog.db"));
        catalog.EnsureModel(fixture.Model.ModelId, fixture.Model.Dimension);
        using var store = VectorIndexStore.Open(catalog, temp.Combine("vectors.usearch"));
        var source = catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = "/x" }).Id;
        var embeddings = fixture.Ids.Values.Take(3).Select(Stored).ToList();
        var written = catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [.. embeddings.Select((e, i) => new EmbeddedImage
            {
                SourceId = source, Location = $"/x/{i}.jpg", Size = 1, Modified = DateTimeOffset.UnixEpoch, ContentHash = $"h{i}", Embedding = e,
            })],
        });
        store.Apply(written);
        store.Apply(catalog.WriteBatch(new CatalogBatch { Deleted = [written.IndexedIds[0]] }));
        var service = new SearchService(fixture.Model, fixture.Embedder, catalog, store.Index);

        var response = await service.SearchAsync(new SearchQuery { SimilarTo = written.IndexedIds[1], HideNearDuplicates = false });
        Assert.Equal([written.IndexedIds[2]], response.Results.Select(h => h.Image.Id));

        // A catalog built with another model cannot answer text from this one.
        store.EnsureModel("another-model", fixture.Model.Dimension);
        var error = await Assert.ThrowsAsync<SearchQueryException>(() => service.SearchAsync(new SearchQuery { Text = "a cat" }));
        Assert.Contains("another-model", error.Message);
    }
}
