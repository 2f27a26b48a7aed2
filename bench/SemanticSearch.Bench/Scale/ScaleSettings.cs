using SemanticSearch.Storage.Index;

namespace SemanticSearch.Bench.Scale;

/// <summary>What <c>bench scale</c> builds and measures.</summary>
internal sealed record ScaleSettings(
    int N,
    int Dimension,
    string Generator,
    VectorScalar Scalar,
    double IntrinsicDimension,
    double PowerLaw,
    float Spread,
    float Noise,
    int Clusters,
    int Queries,
    int Connectivity,
    int ExpansionAdd,
    int ExpansionSearch,
    int Concurrency,
    int BatchSize,
    int Seed)
{
    /// <summary>The generator's name for the hard (spectral, power-law) data.</summary>
    public const string Hard = "hard";

    /// <summary>The generator's name for the easy (isotropic clusters) data.</summary>
    public const string Easy = "easy";

    /// <summary>Subjects in the synthetic data: the setting, or one per hundred images.</summary>
    public int ClusterCount => Clusters > 0 ? Clusters : Math.Max(10, N / 100);
}
