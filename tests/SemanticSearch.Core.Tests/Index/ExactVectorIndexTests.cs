using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Core.Tests.Index;

public sealed class ExactVectorIndexTests
{
    private const int Dim = 32;
    private static readonly float[] Data = new ClusteredVectors(Dim, 5, 0.7f, seed: 1).Sample(200, seed: 2);

    private static ReadOnlySpan<float> At(int i) => Data.AsSpan(i * Dim, Dim);

    private static ExactVectorIndex Build(int n = 200)
    {
        var index = new ExactVectorIndex(Dim);
        for (var i = 0; i < n; i++)
            index.Add(i + 1, At(i));
        return index;
    }

    [Fact]
    public void Search_returns_the_true_top_k_best_first()
    {
        using var index = Build();
        var query = At(17).ToArray();
        var expected = Enumerable.Range(0, 200)
            .Select(i => (Key: (long)i + 1, Score: VectorMath.Dot(query, At(i))))
            .OrderByDescending(x => x.Score).Take(10).ToList();

        var hits = index.Search(query, 10);
        Assert.Equal(expected.Select(e => e.Key), hits.Select(h => h.Key));
        Assert.Equal(18, hits[0].Key);
        Assert.Equal(1f, hits[0].Score, 4);
        for (var i = 0; i < 10; i++)
            Assert.Equal(expected[i].Score, hits[i].Score, 5);
    }

    [Fact]
    public void Search_among_given_keys_ignores_the_others()
    {
        using var index = Build();
        var hits = index.Search(At(17), 3, [5L, 6L, 7L, 999L]);
        Assert.Equal([5L, 6L, 7L], hits.Select(h => h.Key).Order());
    }

    [Fact]
    public void Add_replaces_remove_reuses_and_reset_changes_dimension()
    {
        using var index = Build(10);
        index.Add(1, At(50));
        Assert.Equal(10, index.Count);
        Assert.Equal(1, index.Search(At(50), 1)[0].Key);
        Assert.True(index.Remove(2));
        Assert.False(index.Remove(2));
        index.Add(1000, At(60));
        Assert.Equal(10, index.Count);
        Assert.Equal(1000, index.Search(At(60), 1)[0].Key);
        Assert.Throws<ArgumentException>(() => index.Add(5, new float[Dim + 1]));

        index.Reset(4);
        Assert.Equal((4, 0L), (index.Dimension, index.Count));
        Assert.Empty(index.Search(new float[4], 5));
    }

    [Fact]
    public void Saves_atomically_and_loads_the_same_vectors()
    {
        using var temp = new TempDirectory();
        using var index = Build(50);
        index.Remove(10);
        var path = temp.Combine("exact.bin");
        index.Save(path);
        Assert.Single(Directory.GetFiles(temp.Path));

        using var loaded = ExactVectorIndex.Load(path);
        Assert.Equal(49, loaded.Count);
        Assert.False(loaded.Contains(10));
        Assert.Equal(index.Search(At(3), 5), loaded.Search(At(3), 5));

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        Assert.Throws<InvalidDataException>(() => ExactVectorIndex.Load(path));
    }

    [Fact]
    public void Rank_orders_arbitrary_vectors()
    {
        var vectors = Enumerable.Range(0, 20).ToDictionary(i => (long)i, i => At(i).ToArray());
        var ranked = ExactVectorIndex.Rank(At(4), vectors, 3);
        Assert.Equal(4, ranked[0].Key);
        Assert.Equal(3, ranked.Count);
        Assert.True(ranked[0].Score >= ranked[1].Score && ranked[1].Score >= ranked[2].Score);
    }

    [Fact]
    public void Rank_over_contiguous_vectors_matches_the_index()
    {
        using var index = Build();
        var fromIndex = index.Search(At(33), 10);
        var contiguous = ExactVectorIndex.Rank(At(33), Data, Dim, 10);
        Assert.Equal(fromIndex.Select(m => m.Key - 1), contiguous.Select(m => m.Key)); // the index keys are row + 1
        Assert.Throws<ArgumentException>(() => ExactVectorIndex.Rank(At(33), Data.AsSpan(1), Dim, 10));
    }
}
