using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Crawler.Models;

/// <summary>The answering model's image embedder (the one the crawler and image queries share).</summary>
public sealed class AnsweringImageEmbedder(ModelService service) : IImageEmbedder
{
    private IImageEmbedder Embedder => service.Current?.Embedder
        ?? throw new InvalidOperationException("No embedding model is loaded: " + (service.Problem ?? "it is still loading."));

    /// <inheritdoc />
    public int Dimension => Embedder.Dimension;

    /// <inheritdoc />
    public PreprocessSpec Preprocess => Embedder.Preprocess;

    /// <inheritdoc />
    public int DecodeSide => Embedder.DecodeSide;

    /// <inheritdoc />
    public long MeasureDecodeMemory(ReadOnlySpan<byte> data, DecodeLimits? limits = null) => Embedder.MeasureDecodeMemory(data, limits);

    /// <inheritdoc />
    public DecodedImage Decode(ReadOnlySpan<byte> data, DecodeLimits? limits = null) => Embedder.Decode(data, limits);

    /// <inheritdoc />
    public void ToTensor(DecodedImage image, Span<float> tensor) => Embedder.ToTensor(image, tensor);

    /// <inheritdoc />
    public DecodedImage Prepare(ReadOnlySpan<byte> data, Span<float> tensor, DecodeLimits? limits = null) => Embedder.Prepare(data, tensor, limits);

    /// <inheritdoc />
    public float[][] Encode(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default) =>
        Embedder.Encode(tensors, count, cancellationToken);

    /// <inheritdoc />
    public float[] Embed(ReadOnlySpan<byte> data, DecodeLimits? limits = null, CancellationToken cancellationToken = default) =>
        Embedder.Embed(data, limits, cancellationToken);

    /// <inheritdoc />
    public float[][] EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> images, DecodeLimits? limits = null, CancellationToken cancellationToken = default) =>
        Embedder.EmbedBatch(images, limits, cancellationToken);
}
