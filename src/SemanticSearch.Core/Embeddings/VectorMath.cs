using System.Numerics.Tensors;

namespace SemanticSearch.Core.Embeddings;

/// <summary>Small vector helpers over TensorPrimitives (SIMD).</summary>
public static class VectorMath
{
    /// <summary>Scales <paramref name="vector"/> in place to unit length; a zero vector stays zero.</summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0f)
            TensorPrimitives.Divide(vector, norm, vector);
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.CosineSimilarity(a, b);
}
