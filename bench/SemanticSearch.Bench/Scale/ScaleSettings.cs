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
    /// <summary>Decaying eigen-spectrum, power-law cluster sizes: as hard for the index as real CLIP embeddings.</summary>
    public const string Spectral = "spectral";

    /// <summary>Isotropic noise around well separated centres: easier than real embeddings.</summary>
    public const string Clustered = "clustered";

    /// <summary>The run's vectors are a folder's real embeddings (<c>--demo</c>).</summary>
    public const string Demo = "demo";

    /// <summary>Subjects in the synthetic data: the setting, or one per hundred images.</summary>
    public int ClusterCount => Clusters > 0 ? Clusters : Math.Max(10, N / 100);
}
