using System.Numerics.Tensors;
using SemanticSearch.Core.Index;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Storage.Tests.Index;

public sealed class SearchExpansionCalibratorTests
{
    private const int Dim = 64;
    private const int N = 4000;

    // A sparse graph, so that recall clearly depends on the search expansion at this small size.
    private static readonly VectorIndexOptions Sparse = new() { Connectivity = 4, ExpansionAdd = 16 };

    private static readonly ClusteredVectors Generator = new(Dim, 40, 0.9f, seed: 5);

    private static (UsearchVectorIndex Index, List<(long Key, float[] Vector)> HeldOut, float[] Data) BuildWithoutHeldOut()
    {
        var data = Generator.Sample(N, seed: 6);
        var heldOut = SearchExpansionCalibrator.HoldOut(Rows(data, null), N, 200, Dim);
        var skip = heldOut.Select(x => x.Key).ToHashSet();
        var index = new UsearchVectorIndex(Dim, Sparse);
        foreach (var (key, vector) in Rows(data, skip))
            index.Add(key, vector);
        return (index, heldOut, data);
    }

    private static IEnumerable<KeyValuePair<long, float[]>> Rows(float[] data, HashSet<long>? skip)
    {
        for (var i = 0; i < data.Length / Dim; i++)
        {
            if (skip is null || !skip.Contains(i))
                yield return new(i, data.AsSpan(i * Dim, Dim).ToArray());
        }
    }

    /// <summary>recall@10 of the index for queries it never stored, against brute force over what it holds.</summary>
    private static double RecallOnNewQueries(UsearchVectorIndex index, float[] data, HashSet<long> absent)
    {
        var queries = Generator.Sample(300, seed: 99);
        var found = 0;
        for (var q = 0; q < 300; q++)
        {
            var query = queries.AsSpan(q * Dim, Dim).ToArray();
            var exact = Enumerable.Range(0, N).Where(i => !absent.Contains(i))
                .OrderByDescending(i => TensorPrimitives.CosineSimilarity(query, data.AsSpan(i * Dim, Dim)))
                .Take(10).Select(i => (long)i).ToHashSet();
            found += index.Search(query, 10).Count(m => exact.Contains(m.Key));
        }
        return found / 3000.0;
    }

    [Fact]
    public void The_calibrated_expansion_reaches_the_target_on_queries_the_index_never_saw()
    {
        var (index, heldOut, data) = BuildWithoutHeldOut();
        using var _ = index;
        var absent = heldOut.Select(x => x.Key).ToHashSet();

        var (ef, heldOutRecall) = SearchExpansionCalibrator.Calibrate(index, heldOut, Rows(data, absent), targetRecall: 0.95);

        Assert.True(heldOutRecall >= 0.95, $"held-out recall {heldOutRecall}");
        Assert.Equal(ef, index.ExpansionSearch);
        Assert.True(ef > SearchExpansionCalibrator.Ladder[0], $"a graph this sparse needs more than the smallest expansion, got {ef}");
        // Unseen queries of the same kind reach the target too (within the sampling error of 300 queries).
        var recall = RecallOnNewQueries(index, data, absent);
        Assert.True(recall >= 0.93, $"recall@10 {recall:F3} on new queries at the calibrated expansion {ef}");
        // And it is the smallest step that does: one step lower falls short on the held-out queries.
        var lower = SearchExpansionCalibrator.Ladder[SearchExpansionCalibrator.Ladder.ToList().IndexOf(ef) - 1];
        index.ExpansionSearch = lower;
        Assert.True(RecallOnNewQueries(index, data, absent) < recall);
    }

    [Fact]
    public void A_higher_target_gives_a_higher_expansion()
    {
        var (index, heldOut, data) = BuildWithoutHeldOut();
        using var _ = index;
        var absent = heldOut.Select(x => x.Key).ToHashSet();

        var (low, _) = SearchExpansionCalibrator.Calibrate(index, heldOut, Rows(data, absent), targetRecall: 0.8);
        var (high, highRecall) = SearchExpansionCalibrator.Calibrate(index, heldOut, Rows(data, absent), targetRecall: 0.99);

        Assert.True(high > low, $"0.99 → {high}, 0.8 → {low}");
        Assert.True(highRecall >= 0.99);
        Assert.Equal(high, index.ExpansionSearch);
    }

    [Fact]
    public void Held_out_vectors_are_a_reproducible_tenth_at_most()
    {
        var data = Generator.Sample(500, seed: 6);
        IEnumerable<KeyValuePair<long, float[]>> rows = [.. Enumerable.Range(0, 500).Select(i => new KeyValuePair<long, float[]>(i, data.AsSpan(i * Dim, Dim).ToArray()))];

        var first = SearchExpansionCalibrator.HoldOut(rows, 500, 200, Dim);
        var second = SearchExpansionCalibrator.HoldOut(rows, 500, 200, Dim);

        Assert.Equal(50, first.Count);
        Assert.Equal(first.Select(x => x.Key), second.Select(x => x.Key));
        Assert.Equal(50, first.Select(x => x.Key).Distinct().Count());
        Assert.All(first, x => Assert.Equal(1f, TensorPrimitives.Norm(x.Vector), 4));
    }
}
