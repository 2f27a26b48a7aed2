using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Stage 4: one task feeding the model full batches; a partial batch is flushed as soon as the channel stays empty
/// for a moment, so the last images of a run (or a slow source) never wait. Runs on its own thread because model
/// calls block. Each image's tensor goes back to <paramref name="tensors"/> exactly once: a tensor returned twice is
/// handed to two later images, which then embed each other's pixels.
/// </summary>
internal sealed class EncoderStage(IImageEmbedder embedder, int batchSize, ArrayPool<float> tensors, ILogger logger)
{
    /// <summary>How long a partial batch waits for more images before it is encoded anyway.</summary>
    private static readonly TimeSpan FillWait = TimeSpan.FromMilliseconds(20);

    public async Task RunAsync(RunContext run, ChannelReader<PreparedImage> input, ChannelWriter<WriteItem> output)
    {
        var length = embedder.Preprocess.TensorLength;
        var buffer = new float[batchSize * length];
        var batch = new List<PreparedImage>(batchSize);
        try
        {
            while (await input.WaitToReadAsync(run.Token).ConfigureAwait(false))
            {
                while (batch.Count < batchSize)
                {
                    if (input.TryRead(out var next))
                    {
                        batch.Add(next);
                        continue;
                    }
                    if (!await WaitBrieflyAsync(input, run.Token).ConfigureAwait(false))
                        break; // Ran dry: encode what we have.
                }
                var rows = TakeBatch(batch, buffer, length);
                var writes = Encode(run, rows, buffer, length);
                foreach (var write in writes)
                    await output.WriteAsync(write, run.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            // Only tensors not yet copied out are still owned here (cancelled while filling a batch).
            foreach (var left in batch)
                tensors.Return(left.Tensor);
        }
    }

    private static async Task<bool> WaitBrieflyAsync(ChannelReader<PreparedImage> input, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(FillWait);
        try
        {
            return await input.WaitToReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Copies the batch's tensors into the model buffer, then gives them back and empties the batch in one step, so
    /// nothing that throws later (a cancelled model run) can find them in the batch and return them again.
    /// </summary>
    private List<EmbeddedImage> TakeBatch(List<PreparedImage> batch, float[] buffer, int length)
    {
        for (var i = 0; i < batch.Count; i++)
            batch[i].Tensor.AsSpan(0, length).CopyTo(buffer.AsSpan(i * length, length));
        var rows = new List<EmbeddedImage>(batch.Count);
        foreach (var prepared in batch)
        {
            rows.Add(prepared.Row);
            tensors.Return(prepared.Tensor);
        }
        batch.Clear();
        return rows;
    }

    private List<WriteItem> Encode(RunContext run, List<EmbeddedImage> batch, float[] buffer, int length)
    {
        var started = StageClock.Start();
        try
        {
            var embeddings = embedder.Encode(buffer.AsMemory(0, batch.Count * length), batch.Count, run.Token);
            run.Timings.Add(PipelineStage.Encode, started, batch.Count);
            return batch.Select((row, i) => new WriteItem(row.Location) { Embedded = row with { Embedding = embeddings[i] } }).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            run.Timings.Add(PipelineStage.Encode, started, batch.Count);
            // Model errors are not tied to one file; record them per image so the run goes on and the reason is kept.
            logger.LogWarning(ex, "The image encoder failed on a batch of {Count}", batch.Count);
            return batch.Select(row => new WriteItem(row.Location)
            {
                Failed = new FailedImage
                {
                    SourceId = row.SourceId,
                    Location = row.Location,
                    Size = row.Size,
                    Modified = row.Modified,
                    ContentHash = row.ContentHash,
                    Kind = FailureKinds.Unexpected,
                    Reason = $"The image encoder failed: {ex.Message}",
                },
            }).ToList();
        }
    }
}
