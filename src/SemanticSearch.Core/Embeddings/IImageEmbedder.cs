using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Core.Embeddings;

/// <summary>
/// The one way from encoded image bytes to an embedding (decode, preprocess, encode), shared by the crawler, search,
/// the CLI and the benchmarks, so a file embeds identically wherever it comes from. Thread-safe.
/// </summary>
public interface IImageEmbedder
{
    /// <summary>Values per embedding.</summary>
    int Dimension { get; }

    /// <summary>What each tensor of <see cref="Prepare"/> looks like.</summary>
    PreprocessSpec Preprocess { get; }

    /// <summary>The short side every decode keeps (model input and thumbnail); the same on every path.</summary>
    int DecodeSide { get; }

    /// <summary>Peak bytes <see cref="Prepare"/> needs to decode <paramref name="data"/>, read from the header, for a
    /// <see cref="DecodeMemoryBudget"/> reservation before decoding.</summary>
    long MeasureDecodeMemory(ReadOnlySpan<byte> data, DecodeLimits? limits = null);

    /// <summary>The decode step of <see cref="Prepare"/> alone (at <see cref="DecodeSide"/>), for callers that time the steps.</summary>
    /// <exception cref="ImageDecodeException">Not an image, corrupt, or over <paramref name="limits"/>.</exception>
    DecodedImage Decode(ReadOnlySpan<byte> data, DecodeLimits? limits = null);

    /// <summary>The preprocessing step of <see cref="Prepare"/> alone, on the output of <see cref="Decode"/>.</summary>
    void ToTensor(DecodedImage image, Span<float> tensor);

    /// <summary>
    /// Decodes and preprocesses into <paramref name="tensor"/> (<see cref="PreprocessSpec.TensorLength"/> floats) and
    /// hands back the decoded image (at least <see cref="DecodeSide"/> on its short side) for thumbnails and metadata.
    /// </summary>
    /// <exception cref="ImageDecodeException">Not an image, corrupt, or over <paramref name="limits"/>.</exception>
    DecodedImage Prepare(ReadOnlySpan<byte> data, Span<float> tensor, DecodeLimits? limits = null);

    /// <summary>Encodes <paramref name="count"/> tensors made by <see cref="Prepare"/>, back to back, in one batch.</summary>
    float[][] Encode(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default);

    /// <summary>The embedding of one encoded image.</summary>
    float[] Embed(ReadOnlySpan<byte> data, DecodeLimits? limits = null, CancellationToken cancellationToken = default);

    /// <summary>The embeddings of several encoded images, encoded as one batch; the same as <see cref="Embed"/> on each.</summary>
    float[][] EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> images, DecodeLimits? limits = null, CancellationToken cancellationToken = default);
}
