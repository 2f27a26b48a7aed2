using SemanticSearch.Core.Index;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Index;

/// <summary>
/// Native searches run in parallel: every concurrent answer must equal the same query's sequential answer on the same
/// index (HNSW is approximate, so the sequential answer, not exact search, is the reference).
/// </summary>
public sealed class ConcurrentSearchTests
{
    private const int Dim = 64;
    private const int Count = 3000;
    private const int Threads = 16;

    public enum Origin { Built, Loaded, Viewed }

    [Theory]
    [InlineData(Origin.Built, VectorScalar.F32)]
    [InlineData(Origin.Loaded, VectorScalar.F32)]
    [InlineData(Origin.Viewed, VectorScalar.F32)]
    [InlineData(Origin.Built, VectorScalar.F16)]
    [InlineData(Origin.Viewed, VectorScalar.F16)]
    public void Every_concurrent_answer_equals_the_same_querys_sequential_answer(Origin origin, VectorScalar scalar)
    {
        using var temp = new TempDirectory();
        var options = new VectorIndexOptions { Scalar = scalar };
        var vectors = new ClusteredVectors(Dim, 30, 0.7f, seed: 11).Sample(Count, seed: 11);
        var queries = new ClusteredVectors(Dim, 30, 0.9f, seed: 11).Sample(400, seed: 12);
        using var index = Open(origin, vectors, options, temp);
        var expected = Enumerable.Range(0, 400).Select(q => Answer(index, queries, q)).ToArray();

        var mismatches = RunConcurrently(Threads, rounds: 6, thread =>
        {
            var wrong = new List<string>();
            for (var q = thread; q < 400; q += 3)
            {
                var actual = Answer(index, queries, q);
                if (!actual.SequenceEqual(expected[q]))
                    wrong.Add($"query {q}: [{string.Join(",", actual.Take(5))}] instead of [{string.Join(",", expected[q].Take(5))}]");
            }
            return wrong;
        });

        Assert.Empty(mismatches);
    }

    [Fact]
    public void More_concurrent_searches_than_native_contexts_wait_for_a_free_one_instead_of_failing()
    {
        // Two native contexts and eight times as many searchers: the C API refuses a search when no context is free.
        var vectors = new ClusteredVectors(Dim, 30, 0.7f, seed: 13).Sample(Count, seed: 13);
        using var index = new UsearchVectorIndex(Dim, new VectorIndexOptions { ConcurrentSearches = 2 });
        index.AddRange([.. Enumerable.Range(0, Count).Select(i => (long)i)], vectors);
        var expected = Enumerable.Range(0, 200).Select(q => Answer(index, vectors, q)).ToArray();

        var mismatches = RunConcurrently(16, rounds: 4, thread =>
            [.. Enumerable.Range(0, 200).Where(q => !Answer(index, vectors, q).SequenceEqual(expected[q])).Select(q => $"query {q}")]);

        Assert.Empty(mismatches);
    }

    internal static long[] Answer(UsearchVectorIndex index, float[] queries, int q) =>
        [.. index.Search(queries.AsSpan(q * Dim, Dim), 20).Select(m => m.Key)];

    /// <summary>Starts every thread at once (a barrier), so the native calls overlap, and gathers what each reports.</summary>
    internal static List<string> RunConcurrently(int threads, int rounds, Func<int, List<string>> body)
    {
        var barrier = new Barrier(threads);
        var found = new List<string>();
        var failures = new List<Exception>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                for (var round = 0; round < rounds; round++)
                {
                    barrier.SignalAndWait();
                    var wrong = body(t);
                    lock (found) found.AddRange(wrong);
                }
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
                barrier.RemoveParticipant();
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (failures.Count > 0)
            throw new AggregateException(failures);
        return found;
    }

    private static UsearchVectorIndex Open(Origin origin, float[] vectors, VectorIndexOptions options, TempDirectory temp)
    {
        var built = new UsearchVectorIndex(Dim, options);
        built.AddRange([.. Enumerable.Range(0, Count).Select(i => (long)i)], vectors);
        if (origin == Origin.Built)
            return built;
        var path = temp.Combine("v.usearch");
        built.Save(path);
        built.Dispose();
        return UsearchVectorIndex.Load(path, options, view: origin == Origin.Viewed);
    }
}
