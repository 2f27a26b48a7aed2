using SemanticSearch.Core.Index;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

public sealed class UsearchVectorIndexTests
{
    private const int Dim = 64;

    [Fact]
    public void Finds_an_added_vector_first_with_cosine_score_one()
    {
        var vectors = new ClusteredVectors(Dim, 10, 0.7f, seed: 1).Sample(300, seed: 1);
        using var index = new UsearchVectorIndex(Dim);
        for (var i = 0; i < 300; i++)
            index.Add(1000 + i, vectors.AsSpan(i * Dim, Dim));

        Assert.Equal(300, index.Count);
        var hits = index.Search(vectors.AsSpan(42 * Dim, Dim), 5);
        Assert.Equal(5, hits.Count);
        Assert.Equal(1042, hits[0].Key);
        Assert.Equal(1f, hits[0].Score, 3);
        Assert.True(hits[0].Score >= hits[1].Score && hits[1].Score >= hits[4].Score);
    }

    [Fact]
    public void Add_replaces_and_remove_forgets()
    {
        var vectors = new ClusteredVectors(Dim, 3, 0.1f, seed: 2).Sample(3, seed: 2);
        using var index = new UsearchVectorIndex(Dim);
        index.Add(7, vectors.AsSpan(0, Dim));
        index.Add(8, vectors.AsSpan(Dim, Dim));
        index.Add(7, vectors.AsSpan(2 * Dim, Dim)); // replace

        Assert.Equal(2, index.Count);
        Assert.Equal(7, index.Search(vectors.AsSpan(2 * Dim, Dim), 1)[0].Key);
        Assert.True(index.Remove(7));
        Assert.False(index.Remove(7));
        Assert.False(index.Contains(7));
        Assert.True(index.Contains(8));
        Assert.Equal(1, index.Count);
        Assert.All(index.Search(vectors.AsSpan(2 * Dim, Dim), 5), m => Assert.Equal(8, m.Key));
    }

    [Fact]
    public void Wrong_dimension_is_rejected()
    {
        using var index = new UsearchVectorIndex(Dim);
        Assert.Throws<ArgumentException>(() => index.Add(1, new float[Dim + 1]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[3], 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saves_and_loads_or_views(bool view)
    {
        using var temp = new TempDirectory();
        var vectors = new ClusteredVectors(Dim, 20, 0.7f, seed: 3).Sample(500, seed: 3);
        var path = temp.Combine("v.usearch");
        using (var index = new UsearchVectorIndex(Dim))
        {
            for (var i = 0; i < 500; i++)
                index.Add(i + 1, vectors.AsSpan(i * Dim, Dim));
            index.Save(path);
        }
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));

        using var loaded = UsearchVectorIndex.Load(path, view: view);
        Assert.Equal(Dim, loaded.Dimension);
        Assert.Equal(500, loaded.Count);
        Assert.Equal(321, loaded.Search(vectors.AsSpan(320 * Dim, Dim), 3)[0].Key);
        Assert.Equal(view, loaded.IsReadOnly);
        if (view)
        {
            Assert.Throws<InvalidOperationException>(() => loaded.Add(9999, vectors.AsSpan(0, Dim)));
        }
        else
        {
            loaded.Add(9999, vectors.AsSpan(0, Dim));
            Assert.Equal(501, loaded.Count);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_loaded_or_viewed_index_serves_concurrent_searches(bool view)
    {
        using var temp = new TempDirectory();
        var vectors = new ClusteredVectors(Dim, 20, 0.7f, seed: 7).Sample(1000, seed: 7);
        using (var index = new UsearchVectorIndex(Dim))
        {
            // One thread builds the same graph every run: this test is about concurrent searches, and a graph built
            // by racing inserts on a loaded CI machine once found itself first for fewer than 990 of 1000 queries.
            index.AddRange([.. Enumerable.Range(0, 1000).Select(i => (long)i)], vectors, threads: 1);
            index.Save(temp.Combine("v.usearch"));
        }
        using var loaded = UsearchVectorIndex.Load(temp.Combine("v.usearch"), view: view);
        // HNSW is approximate, so the reference is what the same index answers one query at a time; concurrent
        // searches must give exactly those answers.
        var expected = Enumerable.Range(0, 1000)
            .Select(q => loaded.Search(vectors.AsSpan(q * Dim, Dim), 3).Select(m => m.Key).ToArray())
            .ToArray();
        var selfFirst = Enumerable.Range(0, 1000).Count(q => expected[q][0] == q);
        Assert.True(selfFirst >= 990, $"self should nearly always be first, was first for {selfFirst} of 1000");
        var searchers = Enumerable.Range(0, 3 * Environment.ProcessorCount).Select(t => Task.Run(() =>
        {
            for (var q = t; q < 1000; q += 7)
                Assert.Equal(expected[q], loaded.Search(vectors.AsSpan(q * Dim, Dim), 3).Select(m => m.Key).ToArray());
        }));
        await Task.WhenAll(searchers);
        if (!view)
        {
            loaded.Add(5000, vectors.AsSpan(0, Dim));
            Assert.Equal(1001, loaded.Count);
        }
    }

    [Fact]
    public void F16_storage_keeps_the_nearest_neighbour()
    {
        var vectors = new ClusteredVectors(Dim, 10, 0.7f, seed: 4).Sample(400, seed: 4);
        using var index = new UsearchVectorIndex(Dim, new VectorIndexOptions { Scalar = VectorScalar.F16 });
        index.AddRange([.. Enumerable.Range(1, 400).Select(i => (long)i)], vectors);
        Assert.Equal(400, index.Count);
        Assert.Equal(11, index.Search(vectors.AsSpan(10 * Dim, Dim), 1)[0].Key);
        var stored = index.Get(11)!;
        Assert.Equal(vectors[10 * Dim], stored[0], 2);
    }

    [Fact]
    public void Recall_at_10_against_exact_search_is_at_least_0_95_at_default_settings()
    {
        const int n = 5000, dim = 128, queries = 200;
        var generator = new ClusteredVectors(dim, 50, 0.7f, seed: 5);
        var data = generator.Sample(n, seed: 1);
        var queryVectors = generator.Sample(queries, seed: 2);
        using var hnsw = new UsearchVectorIndex(dim);
        using var exact = new ExactVectorIndex(dim);
        var keys = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        hnsw.AddRange(keys, data);
        for (var i = 0; i < n; i++)
            exact.Add(i, data.AsSpan(i * dim, dim));

        var found = 0;
        for (var q = 0; q < queries; q++)
        {
            var query = queryVectors.AsSpan(q * dim, dim);
            var truth = exact.Search(query, 10).Select(m => m.Key).ToHashSet();
            found += hnsw.Search(query, 10).Count(m => truth.Contains(m.Key));
        }
        var recall = found / (double)(queries * 10);
        Assert.True(recall >= 0.95, $"recall@10 = {recall:F3}");
    }

    [Fact]
    public async Task Concurrent_searches_beside_a_writer_return_their_own_keys_with_their_own_scores()
    {
        var vectors = new ClusteredVectors(Dim, 20, 0.7f, seed: 6).Sample(2000, seed: 6);
        using var index = new UsearchVectorIndex(Dim);
        for (var i = 0; i < 500; i++)
            index.Add(i, vectors.AsSpan(i * Dim, Dim));
        var writer = Task.Run(() =>
        {
            for (var i = 500; i < 2000; i++)
            {
                index.Add(i, vectors.AsSpan(i * Dim, Dim));
                if (i % 7 == 0)
                    index.Remove(i - 300);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            for (var q = 0; q < 300; q++)
            {
                // The answer changes while the writer adds, but each match must be a stored key scored against this
                // query: another query's keys or distances would not fit.
                var query = vectors.AsSpan((q * 5 + r) % 500 * Dim, Dim);
                var matches = index.Search(query, 10);
                Assert.Equal(10, matches.Count);
                foreach (var match in matches)
                    Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(query, vectors.AsSpan((int)match.Key * Dim, Dim)), match.Score, 3);
            }
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(2000 - Enumerable.Range(500, 1500).Count(i => i % 7 == 0), index.Count);
    }
}
