using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Crawler.Files;
using SemanticSearch.Crawler.Sources;
using SemanticSearch.Crawler.Web;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Stage 3 (N parallel copies): reads the original once, hashes it, and either settles the item without the model
/// (unchanged content, a moved or copied image whose embedding is reused, a failure) or decodes, preprocesses and
/// thumbnails it for the encoder. Every failure of one image becomes a stored failure; nothing here stops the run.
/// </summary>
internal sealed class ImageWorker(
    ICrawlCatalog catalog,
    IImageDecoder decoder,
    DecodeMemoryBudget decodeMemory,
    IImageEmbedder embedder,
    ThumbnailStore thumbnails,
    ContentReader reader,
    WebFetcher fetcher,
    CrawlerOptions options,
    ArrayPool<float> tensors,
    ILogger logger)
{
    private readonly DecodeLimits _limits = new() { MaxPixels = options.MaxPixels, MaxBytes = options.MaxDownloadBytes };

    public async Task RunAsync(RunContext run, ChannelReader<WorkItem> input, ChannelWriter<PreparedImage> toEncode, ChannelWriter<WriteItem> toWrite)
    {
        await foreach (var work in input.ReadAllAsync(run.Token).ConfigureAwait(false))
        {
            run.Progress.SetCurrent(work.Item.Location);
            var (prepared, write) = await ProcessAsync(run, work).ConfigureAwait(false);
            if (prepared is not null)
                await toEncode.WriteAsync(prepared, run.Token).ConfigureAwait(false);
            else if (write is not null)
                await toWrite.WriteAsync(write, run.Token).ConfigureAwait(false);
        }
    }

    private async Task<(PreparedImage?, WriteItem?)> ProcessAsync(RunContext run, WorkItem work)
    {
        var item = work.Item;
        var size = item.Size ?? 0;
        var modified = item.Modified ?? DateTimeOffset.UnixEpoch;
        string? hash = null;
        if (item.FailureKind is not null)
            return (null, Fail(item, size, modified, null, item.FailureKind, item.FailureReason ?? item.FailureKind));
        try
        {
            var started = StageClock.Start();
            byte[] bytes;
            if (item.Kind == SourceKind.Folder)
            {
                // A FIFO or device also reports 0 bytes; opening one could block forever, so it is never opened.
                if (item.Size == 0)
                    throw new ImageDecodeException(ImageErrorKind.Empty, $"{item.Location} is empty (0 bytes) or not a regular file.");
                var content = await reader.ReadAsync(item.Location, options.MaxDownloadBytes, run.Token).ConfigureAwait(false);
                (bytes, size, modified) = (content.Bytes, content.Size, content.Modified);
            }
            else
            {
                var known = work.Known;
                DateTimeOffset? since = !run.Full && known is { Status: ImageStatus.Indexed or ImageStatus.Failed } && known.Modified > DateTimeOffset.UnixEpoch
                    && !Retried(run, known)
                    ? known.Modified
                    : null;
                var response = await fetcher.GetAsync(new Uri(item.Location), options.MaxDownloadBytes, since, run.Token).ConfigureAwait(false);
                run.Timings.Add(PipelineStage.Read, started);
                if (response.NotModified)
                {
                    run.Progress.OnSkipped(afterQueueing: true);
                    return (null, null);
                }
                bytes = response.Bytes;
                size = bytes.Length;
                // No Last-Modified: the epoch, so no conditional request is ever made from a made-up time.
                modified = response.LastModified is { } lm ? Timestamps.Normalize(lm) : DateTimeOffset.UnixEpoch;
            }
            if (item.Kind == SourceKind.Folder)
                run.Timings.Add(PipelineStage.Read, started);

            started = StageClock.Start();
            hash = ContentHash.Of(bytes);
            var settled = run.Full ? null : SettleWithoutModel(run, work, hash, size, modified);
            run.Timings.Add(PipelineStage.ChangeDetect, started);
            if (settled is { } s)
            {
                if (work.Known is { Status: ImageStatus.Indexed } own && own.ContentHash == hash && !thumbnails.Exists(hash))
                    RestoreThumbnail(run, item, bytes, hash);
                return (null, s.Write);
            }

            // The decode's share of the memory budget shared with query uploads, measured from the header; the crawler
            // waits for it however long it takes (uploads give up after a short wait instead).
            long memory = embedder.MeasureDecodeMemory(bytes, _limits);
            using var lease = await decodeMemory.TryAcquireAsync(memory, Timeout.InfiniteTimeSpan, run.Token).ConfigureAwait(false);
            return (Prepare(run, item, bytes, hash, size, modified), null);
        }
        catch (ImageDecodeException ex)
        {
            return (null, Fail(item, size, modified, hash, FailureKinds.From(ex.Kind), ex.Message));
        }
        catch (WebFetchException ex)
        {
            return (null, Fail(item, size, modified, hash, ex.Kind, ex.Message));
        }
        catch (Exception ex) when (ex is not DataFolderException && (ex is not OperationCanceledException || !run.Token.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Unexpected failure indexing {Location}", item.Location);
            return (null, Fail(item, size, modified, hash, FailureKinds.Unexpected, $"{item.Location}: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>
    /// Unchanged content (same hash as its own row) or an indexed image with the same content elsewhere (moved,
    /// renamed, copied): settled without decoding or a model call. Null when the model is needed.
    /// </summary>
    /// <summary>A failed image that "retry failed" asked for: decoded again even though its content did not change.</summary>
    private static bool Retried(RunContext run, KnownImage row) => row.Status == ImageStatus.Failed && run.Request.Retries(row);

    private (WriteItem? Write, bool)? SettleWithoutModel(RunContext run, WorkItem work, string hash, long size, DateTimeOffset modified)
    {
        var item = work.Item;
        if (work.Known is { Status: ImageStatus.Indexed or ImageStatus.Failed } own && own.ContentHash == hash && !Retried(run, own))
        {
            run.Progress.OnSkipped(afterQueueing: true);
            var same = own.Size == size && Timestamps.Normalize(own.Modified) == modified;
            return (same ? null : new WriteItem(item.Location) { Touched = new TouchedImage(own.Id, size, modified) }, true);
        }

        var candidates = catalog.FindIndexedByContentHash(hash).Where(c => c.Id != work.Known?.Id).ToList();
        if (candidates.Count == 0)
            return null;
        // A vanished original is moved here and keeps its id; only one new location may claim it.
        foreach (var candidate in candidates)
        {
            if (IsGone(candidate) && run.TryClaimMove(candidate.Id))
                return (new WriteItem(item.Location) { Moved = new MovedImage(candidate.Id, item.SourceId, item.Location, size, modified), Reused = true }, true);
        }
        var source = candidates[0];
        if (catalog.GetEmbedding(source.Id) is not { } embedding)
            return null;
        var row = new EmbeddedImage
        {
            SourceId = item.SourceId,
            Location = item.Location,
            Size = size,
            Modified = modified,
            ContentHash = hash,
            Width = source.Width,
            Height = source.Height,
            Format = source.Format,
            DateTaken = source.DateTaken,
            Camera = source.Camera,
            Embedding = embedding,
            ThumbnailPath = source.ThumbnailPath,
        };
        return (new WriteItem(item.Location) { Embedded = row, Reused = true }, true);
    }

    /// <summary>An unchanged image whose thumbnail was lost (deleted, a repaired thumbnails folder): made again, no model call.</summary>
    private void RestoreThumbnail(RunContext run, DiscoveredItem item, byte[] bytes, string hash)
    {
        var started = StageClock.Start();
        try
        {
            thumbnails.Write(hash, decoder.Decode(bytes, options.ThumbnailMaxSide, _limits).Pixels, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ImageDecodeException)
        {
            logger.LogWarning(ex, "Could not restore the thumbnail of {Location}", item.Location);
        }
        run.Timings.Add(PipelineStage.Thumbnail, started);
    }

    private static bool IsGone(CatalogImage image)
    {
        if (WebLocations.IsHttpUrl(image.Location))
            return false;
        try
        {
            return OriginalFiles.Status(image.Location).Kind != FileKind.File;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return false; // Unknown is not gone: its id is not handed to another location.
        }
    }

    private PreparedImage Prepare(RunContext run, DiscoveredItem item, byte[] bytes, string hash, long size, DateTimeOffset modified)
    {
        var spec = embedder.Preprocess;
        var started = StageClock.Start();
        // The embedder's decode serves both the model input and the thumbnail, and is the one queries use too.
        var decoded = embedder.Decode(bytes, _limits);
        run.Timings.Add(PipelineStage.Decode, started);

        started = StageClock.Start();
        var tensor = tensors.Rent(spec.TensorLength);
        try
        {
            embedder.ToTensor(decoded, tensor.AsSpan(0, spec.TensorLength));
        }
        catch
        {
            tensors.Return(tensor);
            throw;
        }
        run.Timings.Add(PipelineStage.Preprocess, started);

        started = StageClock.Start();
        string? thumbnail = null;
        try
        {
            thumbnail = thumbnails.Write(hash, decoded.Pixels, overwrite: run.Full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A data folder that cannot be written any more (read-only, full) is the run's failure, not one warning
            // per image under a run that says "completed".
            if (ThumbnailStore.MeansFolderUnwritable(ex))
                throw new DataFolderException($"The data folder cannot be written any more ({ex.Message}); the run stopped. "
                    + "Give this user write access to it (or free space) and run an incremental scan.", ex);
            // A thumbnail is a convenience: the image is still indexed, the UI falls back to the original.
            logger.LogWarning(ex, "Could not write the thumbnail of {Location}", item.Location);
        }
        run.Timings.Add(PipelineStage.Thumbnail, started);

        var meta = decoded.Metadata;
        return new PreparedImage(new EmbeddedImage
        {
            SourceId = item.SourceId,
            Location = item.Location,
            Size = size,
            Modified = modified,
            ContentHash = hash,
            Width = meta.Width,
            Height = meta.Height,
            Format = meta.Format,
            DateTaken = meta.DateTaken,
            Camera = meta.Camera,
            Embedding = [],
            ThumbnailPath = thumbnail,
        }, tensor);
    }

    private static WriteItem Fail(DiscoveredItem item, long size, DateTimeOffset modified, string? hash, string kind, string reason) =>
        new(item.Location)
        {
            Failed = new FailedImage
            {
                SourceId = item.SourceId,
                Location = item.Location,
                Size = size,
                Modified = modified,
                ContentHash = hash,
                Kind = kind,
                Reason = reason,
            },
        };
}
