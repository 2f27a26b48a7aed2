using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Core.Embeddings;

/// <summary>Preprocessed pixel tensors to L2-normalised CLIP embeddings. Thread-safe.</summary>
public interface IImageEncoder
{
    int Dimension { get; }

    /// <summary>What each input tensor must look like.</summary>
    PreprocessSpec Preprocess { get; }

    /// <summary>
    /// Encodes a batch. <paramref name="tensors"/> holds <paramref name="count"/> CHW tensors back to back,
    /// each <see cref="PreprocessSpec.TensorLength"/> floats.
    /// </summary>
    float[][] EncodeImages(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default);
}
