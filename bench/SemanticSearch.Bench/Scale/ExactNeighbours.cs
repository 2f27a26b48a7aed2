using System.Numerics.Tensors;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// Ground truth: the exact 10 nearest stored embeddings of every query, over the whole catalog and inside each filter,
/// read from the catalog's stored vectors in one pass (the vectors the index was built from).
/// </summary>
internal sealed class ExactNeighbours
{
    public const int K = 10;
    private const int Block = 4096;

    private ExactNeighbours(HashSet<long>[] all, HashSet<long>[][] filtered)
    {
        All = all;
        Filtered = filtered;
    }

    /// <summary>Per query, the keys of its exact top 10.</summary>
    public HashSet<long>[] All { get; }

    /// <summary>Per filter, per query, the keys of its exact top 10 among the images the filter matches.</summary>
    public HashSet<long>[][] Filtered { get; }

    public static ExactNeighbours Compute(ICatalogStore catalog, float[] queries, int dimension, IReadOnlyList<ScaleFilter> filters, CancellationToken ct)
    {
        var count = queries.Length / dimension;
        var members = filters.Select(f => catalog.FindIndexedIds(f.Filter, int.MaxValue).ToHashSet()).ToArray();
        var all = NewHeaps(count);
        var filtered = filters.Select(_ => NewHeaps(count)).ToArray();
        var block = new List<(long Key, float[] Vector, int[] Filters)>(Block);
        foreach (var change in catalog.ReadVectorChanges(0))
        {
            if (change.Vector is not { } vector)
                continue;
            ct.ThrowIfCancellationRequested();
            var matching = Enumerable.Range(0, members.Length).Where(f => members[f].Contains(change.Key)).ToArray();
            block.Add((change.Key, vector, matching));
            if (block.Count == Block)
                Score(block, queries, dimension, all, filtered);
        }
        Score(block, queries, dimension, all, filtered);
        return new ExactNeighbours(Keys(all), [.. filtered.Select(Keys)]);
    }

    // Queries in parallel over blocks of images: the truth at a million images is 10^11 multiply-adds.
    private static void Score(List<(long Key, float[] Vector, int[] Filters)> block, float[] queries, int dimension,
        PriorityQueue<long, float>[] all, PriorityQueue<long, float>[][] filtered)
    {
        Parallel.For(0, all.Length, q =>
        {
            var query = queries.AsSpan(q * dimension, dimension);
            foreach (var (key, vector, filters) in block)
            {
                var score = TensorPrimitives.Dot(query, vector);
                Offer(all[q], key, score);
                foreach (var f in filters)
                    Offer(filtered[f][q], key, score);
            }
        });
        block.Clear();
    }

    private static PriorityQueue<long, float>[] NewHeaps(int count) => [.. Enumerable.Range(0, count).Select(_ => new PriorityQueue<long, float>(K + 1))];

    private static void Offer(PriorityQueue<long, float> heap, long key, float score)
    {
        if (heap.Count < K)
            heap.Enqueue(key, score);
        else if (heap.TryPeek(out _, out var worst) && score > worst)
            heap.DequeueEnqueue(key, score);
    }

    private static HashSet<long>[] Keys(PriorityQueue<long, float>[] heaps) =>
        [.. heaps.Select(h => h.UnorderedItems.Select(i => i.Element).ToHashSet())];
}
