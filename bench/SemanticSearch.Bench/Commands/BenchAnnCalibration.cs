using System.Diagnostics;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Bench.Commands;

/// <summary>
/// Builds a benchmark index the way the vector index store rebuilds one: a sample of the vectors is held out of the
/// graph, the search expansion for the recall target is calibrated on it (<see cref="SearchExpansionCalibrator"/>),
/// then the sample is added. Only the adds are timed.
/// </summary>
internal static class BenchAnnCalibration
{
    public static (int ExpansionSearch, double Recall, double BuildSeconds, double BuildCpuSeconds) BuildCalibrated(
        UsearchVectorIndex index, float[] data, int dimension, double targetRecall, int queries, CancellationToken cancellationToken)
    {
        var n = data.Length / dimension;
        var heldOut = SearchExpansionCalibrator.HoldOut(Rows(data, dimension, null), n, queries, dimension);
        var heldOutKeys = heldOut.Select(x => x.Key).ToHashSet();
        var keys = Enumerable.Range(0, n).Select(i => (long)i).Where(key => !heldOutKeys.Contains(key)).ToArray();
        var vectors = new float[keys.Length * dimension];
        for (var i = 0; i < keys.Length; i++)
            data.AsSpan((int)keys[i] * dimension, dimension).CopyTo(vectors.AsSpan(i * dimension));
        var (seconds, cpu) = Timed(() => index.AddRange(keys, vectors));
        var (ef, recall) = SearchExpansionCalibrator.Calibrate(index, heldOut, Rows(data, dimension, heldOutKeys), targetRecall, cancellationToken);
        var (moreSeconds, moreCpu) = Timed(() => index.AddRange([.. heldOut.Select(x => x.Key)], heldOut.SelectMany(x => x.Vector).ToArray()));
        return (ef, recall, seconds + moreSeconds, cpu + moreCpu);
    }

    private static (double Seconds, double CpuSeconds) Timed(Action action)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static IEnumerable<KeyValuePair<long, float[]>> Rows(float[] data, int dimension, HashSet<long>? skip)
    {
        for (var i = 0; i < data.Length / dimension; i++)
        {
            if (skip is null || !skip.Contains(i))
                yield return new(i, data.AsSpan(i * dimension, dimension).ToArray());
        }
    }
}
