using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Bench.Vectors;

/// <summary>
/// Synthetic CLIP-like embeddings for recall tests and benchmarks: random unit cluster centres plus Gaussian noise,
/// normalised. Real image embeddings are clustered (photos of one subject sit together), which is harder for an
/// approximate index than it looks: inside a cluster many neighbours are almost equally close.
/// Data and queries are drawn from the same centres, as image collections and the queries about them are.
/// </summary>
public sealed class ClusteredVectors
{
    private readonly float[] _centres;
    private readonly int _clusters;
    private readonly float _sigma;

    /// <summary>
    /// Draws <paramref name="clusters"/> random centres. <paramref name="noise"/> is the norm of the noise relative to
    /// the unit centre: 0.7 puts members of one cluster at cosine ≈ 0.67 to each other, like CLIP image embeddings of
    /// one subject.
    /// </summary>
    public ClusteredVectors(int dimension, int clusters, float noise, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusters);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        Dimension = dimension;
        _clusters = clusters;
        _sigma = noise / MathF.Sqrt(dimension);
        var random = new Random(seed);
        _centres = new float[clusters * dimension];
        for (var c = 0; c < clusters; c++)
        {
            var centre = _centres.AsSpan(c * dimension, dimension);
            FillGaussian(random, centre, 1f);
            VectorMath.NormalizeInPlace(centre);
        }
    }

    /// <summary>Length of every vector.</summary>
    public int Dimension { get; }

    /// <summary><paramref name="count"/> normalised vectors back to back, each near a random centre.</summary>
    public float[] Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var vectors = new float[(long)count * Dimension];
        for (var i = 0; i < count; i++)
        {
            var vector = vectors.AsSpan((int)((long)i * Dimension), Dimension);
            FillGaussian(random, vector, _sigma);
            var centre = _centres.AsSpan(random.Next(_clusters) * Dimension, Dimension);
            for (var j = 0; j < vector.Length; j++)
                vector[j] += centre[j];
            VectorMath.NormalizeInPlace(vector);
        }
        return vectors;
    }

    private static void FillGaussian(Random random, Span<float> values, float sigma)
    {
        for (var i = 0; i < values.Length; i += 2)
        {
            // Box-Muller: two independent normal values per pair of uniforms.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1)) * sigma;
            values[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < values.Length)
                values[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
    }
}
