using SemanticSearch.Bench.Vectors;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// The vectors of one run, handed out chunk by chunk. Synthetic ones are regenerated from the seed per chunk, so a
/// million vectors never sit in memory at once; image and query vectors come from the same distribution, as image
/// collections and the queries about them do. Real (demo) ones are a folder's embeddings, each also a query.
/// </summary>
internal sealed class VectorSource
{
    private readonly Func<int, int, float[]> _chunk;
    private readonly Func<int, float[]> _queries;

    private VectorSource(Func<int, int, float[]> chunk, Func<int, float[]> queries)
    {
        _chunk = chunk;
        _queries = queries;
    }

    /// <summary>The generator named by <paramref name="settings"/>.</summary>
    public static VectorSource Synthetic(ScaleSettings settings)
    {
        Func<int, int, float[]> sample = settings.Generator == ScaleSettings.Spectral
            ? new SpectralVectors(settings.Dimension, settings.IntrinsicDimension, settings.ClusterCount, settings.PowerLaw, settings.Spread, settings.Seed).Sample
            : new ClusteredVectors(settings.Dimension, settings.ClusterCount, settings.Noise, settings.Seed).Sample;
        // Chunk seeds start far above the query seed, so no chunk repeats the queries.
        return new VectorSource((index, count) => sample(count, settings.Seed + 1000 + index), count => sample(count, settings.Seed - 1));
    }

    /// <summary>Fixed vectors (back to back): chunks are consecutive slices, queries the first ones (wrapping round).</summary>
    public static VectorSource Fixed(float[] vectors, int dimension, int chunkSize)
    {
        var n = vectors.Length / dimension;
        return new VectorSource(
            (index, count) => vectors.AsSpan(index * chunkSize * dimension, count * dimension).ToArray(),
            count => [.. Enumerable.Range(0, count).SelectMany(q => vectors.AsSpan(q % n * dimension, dimension).ToArray())]);
    }

    /// <summary>The vectors of chunk <paramref name="index"/> (<paramref name="count"/> back to back).</summary>
    public float[] Chunk(int index, int count) => _chunk(index, count);

    /// <summary>The query vectors.</summary>
    public float[] Queries(int count) => _queries(count);
}
