using System.Numerics.Tensors;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Bench.Vectors;

/// <summary>
/// Synthetic embeddings as hard for an approximate index as real CLIP ones: every vector lies mostly in a few dozen
/// directions (a geometrically decaying variance spectrum whose participation ratio is the intrinsic dimension), and
/// cluster sizes follow a power law, so a few subjects hold most images and their members crowd together. Isotropic
/// noise around well separated centres (<see cref="ClusteredVectors"/>) is easier: neighbours there stand out.
/// </summary>
public sealed class SpectralVectors
{
    private readonly float[] _basis;      // components × dimension, orthonormal rows
    private readonly float[] _deviations; // per component
    private readonly float[] _centres;    // clusters × components
    private readonly double[] _cumulative;
    private readonly int _components;
    private readonly float _spread;

    /// <param name="dimension">Length of every vector.</param>
    /// <param name="intrinsicDimension">Participation ratio of the spectrum (real CLIP image embeddings: tens).</param>
    /// <param name="clusters">Number of subjects.</param>
    /// <param name="powerLaw">Exponent of the cluster sizes: cluster c holds a share ∝ 1 / (c + 1)^powerLaw.</param>
    /// <param name="spread">Spread inside a cluster relative to the spread of the centres.</param>
    public SpectralVectors(int dimension, double intrinsicDimension, int clusters, double powerLaw, float spread, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(intrinsicDimension, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusters);
        Dimension = dimension;
        _spread = spread;
        _components = (int)Math.Min(dimension, Math.Ceiling(4 * intrinsicDimension));
        var random = new Random(seed);
        // Variance ratio r per component: a geometric spectrum has participation ratio (1 + r) / (1 - r).
        var ratio = (intrinsicDimension - 1) / (intrinsicDimension + 1);
        _deviations = new float[_components];
        for (var j = 0; j < _components; j++)
            _deviations[j] = (float)Math.Sqrt(Math.Pow(ratio, j));
        _basis = Orthonormal(random, _components, dimension);
        _centres = new float[clusters * _components];
        for (var c = 0; c < clusters; c++)
            Gaussian.Fill(random, _centres.AsSpan(c * _components, _components), _deviations, 1f);
        _cumulative = new double[clusters];
        var total = 0.0;
        for (var c = 0; c < clusters; c++)
            _cumulative[c] = total += 1.0 / Math.Pow(c + 1, powerLaw);
        for (var c = 0; c < clusters; c++)
            _cumulative[c] /= total;
    }

    /// <summary>Length of every vector.</summary>
    public int Dimension { get; }

    /// <summary><paramref name="count"/> normalised vectors back to back.</summary>
    public float[] Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var vectors = new float[(long)count * Dimension];
        var coordinates = new float[_components];
        for (var i = 0; i < count; i++)
        {
            var cluster = Array.BinarySearch(_cumulative, random.NextDouble());
            cluster = Math.Min(cluster < 0 ? ~cluster : cluster, _cumulative.Length - 1);
            Gaussian.Fill(random, coordinates, _deviations, _spread);
            TensorPrimitives.Add(coordinates, _centres.AsSpan(cluster * _components, _components), coordinates);
            var vector = vectors.AsSpan((int)((long)i * Dimension), Dimension);
            for (var j = 0; j < _components; j++)
                TensorPrimitives.MultiplyAdd(_basis.AsSpan(j * Dimension, Dimension), coordinates[j], vector, vector);
            VectorMath.NormalizeInPlace(vector);
        }
        return vectors;
    }

    /// <summary>Gram-Schmidt on Gaussian rows: a random orientation, so no coordinate axis is special.</summary>
    private static float[] Orthonormal(Random random, int rows, int dimension)
    {
        var basis = new float[rows * dimension];
        var ones = Enumerable.Repeat(1f, dimension).ToArray();
        for (var r = 0; r < rows; r++)
        {
            var row = basis.AsSpan(r * dimension, dimension);
            Gaussian.Fill(random, row, ones, 1f);
            for (var p = 0; p < r; p++)
            {
                var previous = basis.AsSpan(p * dimension, dimension);
                TensorPrimitives.MultiplyAdd(previous, -TensorPrimitives.Dot(row, previous), row, row);
            }
            VectorMath.NormalizeInPlace(row);
        }
        return basis;
    }
}
