using System.Numerics.Tensors;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// Finds the smallest search expansion (HNSW "ef") at which an index finds a target share of the exact top 10. A sample
/// of stored vectors is held out of the build and serves as queries: a query that is itself a node of the graph walks
/// straight to it and finds its neighbours through the node's own edges, which overstated recall (0.98 held in, 0.91
/// on unseen queries at ef 10 in bench ann), so the caller builds without them, calibrates, then adds them. Expansions
/// are tried in increasing order; recall grows with the expansion, so the first one that reaches the target is the
/// cheapest.
/// </summary>
public static class SearchExpansionCalibrator
{
    /// <summary>Neighbours compared per query (recall@10).</summary>
    public const int K = 10;

    private const int Chunk = 4096;

    /// <summary>The expansions tried, in order; the last is the most the options allow.</summary>
    public static IReadOnlyList<int> Ladder { get; } =
        [10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512,
         640, 768, 1024, 1536, 2048, 3072, 4096];

    /// <summary>
    /// Measures <paramref name="index"/>, which must not hold the <paramref name="heldOut"/> vectors, against exact
    /// search over <paramref name="indexed"/> (what it does hold; held-out keys in it are skipped) and returns the
    /// smallest expansion reaching <paramref name="targetRecall"/> with the recall it reached (the largest expansion
    /// when none does). The index's own expansion is left at the result.
    /// </summary>
    public static (int ExpansionSearch, double Recall) Calibrate(UsearchVectorIndex index,
        IReadOnlyList<(long Key, float[] Vector)> heldOut, IEnumerable<KeyValuePair<long, float[]>> indexed,
        double targetRecall, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(indexed);
        if (heldOut.Count == 0)
            throw new ArgumentException("Calibrating needs held-out queries.", nameof(heldOut));
        var sample = heldOut;
        var truth = ExactNeighbours(sample, indexed, index.Dimension, cancellationToken);

        var (bestEf, bestRecall) = (Ladder[^1], 0.0);
        foreach (var ef in Ladder)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index.ExpansionSearch = ef;
            var recall = Recall(index, sample, truth);
            (bestEf, bestRecall) = (ef, recall);
            if (recall >= targetRecall)
                break;
        }
        index.ExpansionSearch = bestEf;
        return (bestEf, bestRecall);
    }

    private static double Recall(UsearchVectorIndex index, IReadOnlyList<(long Key, float[] Vector)> sample, long[][] truth)
    {
        var found = 0;
        var expected = 0;
        for (var i = 0; i < sample.Count; i++)
        {
            var exact = truth[i];
            expected += exact.Length;
            found += index.Search(sample[i].Vector, exact.Length).Count(m => exact.Contains(m.Key));
        }
        return expected == 0 ? 1.0 : found / (double)expected;
    }

    /// <summary>
    /// The vectors to hold out of a build of <paramref name="count"/> vectors: a reservoir sample of up to
    /// <paramref name="size"/> (never more than a tenth of the collection), normalised, reproducible by seed.
    /// </summary>
    public static List<(long Key, float[] Vector)> HoldOut(IEnumerable<KeyValuePair<long, float[]>> vectors, long count,
        int size, int dimension, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        size = (int)Math.Min(size, count / 10);
        var random = new Random(seed);
        var sample = new List<(long, float[])>(size);
        long seen = 0;
        foreach (var (key, vector) in vectors)
        {
            if (vector.Length != dimension)
                continue;
            seen++;
            var slot = sample.Count < size ? sample.Count : random.NextInt64(seen);
            if (slot >= size)
                continue;
            var copy = vector.ToArray();
            VectorMath.NormalizeInPlace(copy);
            if (slot == sample.Count) sample.Add((key, copy));
            else sample[(int)slot] = (key, copy);
        }
        return sample;
    }

    /// <summary>
    /// The exact top <see cref="K"/> of every sampled query among all other stored vectors, in one pass: vectors are
    /// gathered in chunks and each chunk is scored against all queries in parallel.
    /// </summary>
    private static long[][] ExactNeighbours(IReadOnlyList<(long Key, float[] Vector)> sample, IEnumerable<KeyValuePair<long, float[]>> vectors,
        int dimension, CancellationToken cancellationToken)
    {
        var heldOut = sample.Select(x => x.Key).ToHashSet();
        var best = sample.Select(_ => new List<(float Score, long Key)>(K + 1)).ToArray();
        var keys = new long[Chunk];
        var chunk = new float[Chunk * dimension];
        var filled = 0;
        foreach (var (key, vector) in vectors)
        {
            if (vector.Length != dimension || heldOut.Contains(key))
                continue;
            var row = chunk.AsSpan(filled * dimension, dimension);
            vector.CopyTo(row);
            VectorMath.NormalizeInPlace(row);
            keys[filled++] = key;
            if (filled == Chunk)
            {
                Score(filled);
                filled = 0;
            }
        }
        Score(filled);
        return [.. best.Select(list => list.Select(x => x.Key).ToArray())];

        void Score(int rows)
        {
            Parallel.For(0, sample.Count, new ParallelOptions { CancellationToken = cancellationToken }, q =>
            {
                var query = sample[q].Vector;
                var top = best[q];
                for (var r = 0; r < rows; r++)
                {
                    var score = TensorPrimitives.Dot(query, chunk.AsSpan(r * dimension, dimension));
                    if (top.Count == K && score <= top[^1].Score)
                        continue;
                    var at = top.FindIndex(x => x.Score < score);
                    top.Insert(at < 0 ? top.Count : at, (score, keys[r]));
                    if (top.Count > K)
                        top.RemoveAt(K);
                }
            });
        }
    }
}
