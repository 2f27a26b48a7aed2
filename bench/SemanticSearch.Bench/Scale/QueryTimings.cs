using SemanticSearch.Core.Search;

namespace SemanticSearch.Bench.Scale;

/// <summary>Runs the benchmark's queries through the search service: recall against the truth and latencies.</summary>
internal static class QueryTimings
{
    /// <summary>Every query once, one after another: (mean recall@10, latencies in ms, wall seconds, process CPU seconds).</summary>
    public static async Task<(double Recall, double[] Ms, double Seconds, double Cpu)> SequentialAsync(
        ISearchService search, int queries, SearchFilter filter, HashSet<long>[] truth, CancellationToken ct)
    {
        var ms = new double[queries];
        var recall = 0.0;
        var cpu = ProcessCpu.Seconds();
        var total = System.Diagnostics.Stopwatch.StartNew();
        for (var q = 0; q < queries; q++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await search.SearchAsync(Query(q, filter), ct);
            ms[q] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            recall += Recall(response, truth[q]);
        }
        return (recall / queries, ms, total.Elapsed.TotalSeconds, ProcessCpu.Seconds() - cpu);
    }

    /// <summary>Queries per wall second and per process CPU-second with <paramref name="callers"/> callers, each running every query once.</summary>
    public static async Task<(double Wall, double Cpu)> ConcurrentAsync(ISearchService search, int queries, int callers, CancellationToken ct)
    {
        var cpu = ProcessCpu.Seconds();
        var total = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < queries; i++)
                await search.SearchAsync(Query((i + c * 7) % queries, SearchFilter.None), ct);
        }, ct)));
        var (wall, used) = (total.Elapsed.TotalSeconds, ProcessCpu.Seconds() - cpu);
        return (callers * queries / wall, callers * queries / used);
    }

    /// <summary>Query <paramref name="q"/> as the web UI asks it: ten results, no duplicate hiding (recall counts all).</summary>
    public static SearchQuery Query(int q, SearchFilter filter) =>
        new() { Text = PrecomputedTextEncoder.TextOf(q), Limit = ExactNeighbours.K, HideNearDuplicates = false, Filter = filter };

    /// <summary>The <paramref name="percentile"/> (0-100) of <paramref name="values"/>.</summary>
    public static double Percentile(double[] values, double percentile)
    {
        if (values.Length == 0)
            return 0;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(percentile / 100 * sorted.Length) - 1)];
    }

    private static double Recall(SearchResponse response, HashSet<long> truth) =>
        truth.Count == 0 ? 1.0 : response.Results.Count(h => truth.Contains(h.Image.Id)) / (double)truth.Count;
}
