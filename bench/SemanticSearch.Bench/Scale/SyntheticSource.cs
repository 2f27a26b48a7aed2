using SemanticSearch.Bench.Vectors;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// The data of one run, regenerated chunk by chunk from its seed, so a million vectors never sit in memory at once.
/// Image and query vectors come from the same distribution, as image collections and the queries about them do.
/// </summary>
internal sealed class SyntheticSource
{
    private readonly Func<int, int, float[]> _sample;
    private readonly int _seed;

    public SyntheticSource(ScaleSettings settings)
    {
        _seed = settings.Seed;
        if (settings.Generator == ScaleSettings.Hard)
        {
            var hard = new SpectralVectors(settings.Dimension, settings.IntrinsicDimension, settings.ClusterCount,
                settings.PowerLaw, settings.Spread, settings.Seed);
            _sample = hard.Sample;
        }
        else
        {
            var easy = new ClusteredVectors(settings.Dimension, settings.ClusterCount, settings.Noise, settings.Seed);
            _sample = easy.Sample;
        }
    }

    /// <summary>The vectors of chunk <paramref name="index"/> (<paramref name="count"/> back to back).</summary>
    public float[] Chunk(int index, int count) => _sample(count, _seed + 1000 + index);

    /// <summary>The query vectors (a seed no chunk uses).</summary>
    public float[] Queries(int count) => _sample(count, _seed - 1);
}
