using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Tests.Search;

/// <summary>The search's model and catalog work runs off its caller and stops when cancelled.</summary>
public sealed class SearchServiceAsyncTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private SearchService ServiceOver(GatedEmbeddingModel model) =>
        new(model, new ImageEmbedder(model.Images, fixture.Decoder, fixture.Preprocessor, SearchFixture.CrawlerThumbnailSide), fixture.Catalog, fixture.Store.Index);

    [Fact]
    public async Task A_search_hands_back_its_task_before_the_model_has_run()
    {
        using var model = new GatedEmbeddingModel(fixture.Model);

        var running = ServiceOver(model).SearchAsync(new SearchQuery { Text = "a photo of a cat", Limit = 3 });

        // Synchronous work would still be waiting at the gate here, with the caller blocked.
        Assert.False(running.IsCompleted);
        Assert.True(model.Entered.Wait(GatedEmbeddingModel.GiveUpAfter));
        model.Open();
        var response = await running;
        Assert.Equal(3, response.Results.Count);
    }

    [Fact]
    public async Task Cancelling_a_running_search_stops_it_while_the_model_works()
    {
        using var model = new GatedEmbeddingModel(fixture.Model);
        using var cancellation = new CancellationTokenSource();

        var running = ServiceOver(model).SearchAsync(new SearchQuery { Text = "a rocket" }, cancellation.Token);
        Assert.True(model.Entered.Wait(GatedEmbeddingModel.GiveUpAfter));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
