using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Crawler.Pipeline;
using SemanticSearch.Crawler.Tests.Infrastructure;

namespace SemanticSearch.Crawler.Tests.Pipeline;

public sealed class EncoderStageTests
{
    [Fact]
    public async Task A_run_cancelled_while_the_model_encodes_gives_each_tensor_back_once()
    {
        using var harness = CrawlerHarness.Create();
        var embedder = harness.Services.GetRequiredService<IImageEmbedder>();
        var pool = new StrictTensorPool();
        using var cancel = new CancellationTokenSource();
        var run = new RunContext(new CrawlRequest(ReindexMode.Full), [], new ProgressTracker(ReindexMode.Full), cancel.Token);
        var input = Channel.CreateUnbounded<PreparedImage>();
        var output = Channel.CreateUnbounded<WriteItem>();
        for (var i = 0; i < 4; i++)
        {
            var tensor = pool.Rent(embedder.Preprocess.TensorLength);
            embedder.Prepare(TestImages.Png(i), tensor.AsSpan(0, embedder.Preprocess.TensorLength));
            await input.Writer.WriteAsync(new PreparedImage(new EmbeddedImage { SourceId = 1, Location = $"/gallery/{i}.png", Size = 1, Modified = DateTimeOffset.UnixEpoch, ContentHash = $"{i}", Embedding = [] }, tensor));
        }
        input.Writer.Complete();
        // The batch's last tensor comes back just before the model runs: cancel then, so the model run is the one that
        // stops (the moment a cancelled admin rebuild hit while encoding).
        pool.OnReturn = () =>
        {
            if (pool.Returned == 4)
                cancel.Cancel();
        };

        var stage = new EncoderStage(embedder, batchSize: 4, pool, NullLogger.Instance);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stage.RunAsync(run, input.Reader, output.Writer));

        Assert.Equal(0, pool.ReturnedTwice);
        Assert.Equal(0, pool.Outstanding);
    }
}
