using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Core.Embeddings;

/// <summary>
/// <see cref="IImageEmbedder"/> over a decoder, a preprocessor and an image encoder. Every path decodes at the same
/// <see cref="DecodeSide"/>: a JPEG's DCT scale is chosen from the requested side and changes the pixels the model
/// sees, so a query and the indexed copy of the same file only embed identically when they ask for the same side.
/// </summary>
public sealed class ImageEmbedder : IImageEmbedder
{
    private readonly IImageEncoder _encoder;
    private readonly IImageDecoder _decoder;
    private readonly IImagePreprocessor _preprocessor;

    /// <param name="thumbnailSide">The crawler's thumbnail side, so the crawler makes its thumbnail from the same
    /// decode instead of decoding twice; queries decode at that size too, which costs them little.</param>
    public ImageEmbedder(IImageEncoder encoder, IImageDecoder decoder, IImagePreprocessor preprocessor, int thumbnailSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thumbnailSide);
        (_encoder, _decoder, _preprocessor) = (encoder, decoder, preprocessor);
        DecodeSide = Math.Max(encoder.Preprocess.Size, thumbnailSide);
    }

    /// <inheritdoc />
    public int Dimension => _encoder.Dimension;

    /// <inheritdoc />
    public PreprocessSpec Preprocess => _encoder.Preprocess;

    /// <inheritdoc />
    public int DecodeSide { get; }

    /// <inheritdoc />
    public long MeasureDecodeMemory(ReadOnlySpan<byte> data, DecodeLimits? limits = null) =>
        _decoder.MeasureDecodeMemory(data, DecodeSide, limits);

    /// <inheritdoc />
    public DecodedImage Decode(ReadOnlySpan<byte> data, DecodeLimits? limits = null) => _decoder.Decode(data, DecodeSide, limits);

    /// <inheritdoc />
    public void ToTensor(DecodedImage image, Span<float> tensor)
    {
        var spec = Preprocess;
        if (tensor.Length < spec.TensorLength)
            throw new ArgumentException($"The tensor needs {spec.TensorLength} floats; {tensor.Length} were given.", nameof(tensor));
        _preprocessor.ToTensor(image, spec, tensor[..spec.TensorLength]);
    }

    /// <inheritdoc />
    public DecodedImage Prepare(ReadOnlySpan<byte> data, Span<float> tensor, DecodeLimits? limits = null)
    {
        var decoded = Decode(data, limits);
        ToTensor(decoded, tensor);
        return decoded;
    }

    /// <inheritdoc />
    public float[][] Encode(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default) =>
        _encoder.EncodeImages(tensors, count, cancellationToken);

    /// <inheritdoc />
    public float[] Embed(ReadOnlySpan<byte> data, DecodeLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var tensor = new float[Preprocess.TensorLength];
        Prepare(data, tensor, limits);
        return Encode(tensor, 1, cancellationToken)[0];
    }

    /// <inheritdoc />
    public float[][] EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> images, DecodeLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
            return [];
        var length = Preprocess.TensorLength;
        var tensors = new float[images.Count * length];
        for (var i = 0; i < images.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Prepare(images[i].Span, tensors.AsSpan(i * length, length), limits);
        }
        return Encode(tensors, images.Count, cancellationToken);
    }
}
