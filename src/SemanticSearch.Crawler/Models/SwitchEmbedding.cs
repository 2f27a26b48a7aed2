using Microsoft.Extensions.Logging;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Models;
using SemanticSearch.Crawler.Files;

namespace SemanticSearch.Crawler.Models;

/// <summary>
/// Embeds, with the model being switched to, every indexed image that has no vector of it yet, reading the originals
/// the way the image endpoint does (inside their source, unchanged since indexed) under the crawler's limits. An image
/// that cannot be read or decoded is remembered and skipped, not fatal. Each batch is stored at once: the catalog is
/// the checkpoint a resumed switch starts from.
/// </summary>
internal sealed class SwitchEmbedding(
    IModelVectorStore vectors,
    ICatalogReader catalog,
    IImageEmbedder embedder,
    string modelId,
    CrawlerOptions options,
    int batchSize,
    ILogger logger)
{
    private readonly DecodeLimits _limits = new() { MaxPixels = options.MaxPixels, MaxBytes = options.MaxDownloadBytes };
    private readonly HashSet<long> _unreadable = [];

    /// <summary>Images that could not be embedded with the new model.</summary>
    public int Unreadable => _unreadable.Count;

    /// <summary>Embeds what is missing; <paramref name="stored"/> is called after each stored batch.</summary>
    public void Run(Action stored, CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var images = vectors.IndexedWithoutVector(modelId, after, batchSize);
            if (images.Count == 0)
                return;
            after = images[^1].Id;
            var batch = new List<KeyValuePair<long, float[]>>(images.Count);
            foreach (var image in images)
            {
                if (_unreadable.Contains(image.Id))
                    continue;
                if (Embed(image, cancellationToken) is { } vector)
                    batch.Add(new(image.Id, vector));
                else
                    _unreadable.Add(image.Id);
            }
            vectors.StoreVectors(modelId, batch);
            stored();
        }
    }

    private float[]? Embed(CatalogImage image, CancellationToken cancellationToken)
    {
        var source = catalog.GetSource(image.SourceId);
        if (source is null)
            return null;
        using var original = VerifiedOriginal.TryOpen(image, source, options.MayFollowLinksOutside(source.Location), out var problem);
        if (original is null || original.Status.Size > options.MaxDownloadBytes)
        {
            logger.LogWarning("Image {Id} is left to the crawler after the switch: {Problem}", image.Id, original is null ? problem : "it is too large");
            return null;
        }
        try
        {
            using var stream = original.OpenStream();
            var bytes = new byte[original.Status.Size];
            stream.ReadExactly(bytes);
            return embedder.Embed(bytes, _limits, cancellationToken);
        }
        catch (Exception e) when (e is ImageDecodeException or IOException)
        {
            logger.LogWarning("Image {Id} cannot be embedded with {Model}: {Problem}", image.Id, modelId, e.Message);
            return null;
        }
    }
}
