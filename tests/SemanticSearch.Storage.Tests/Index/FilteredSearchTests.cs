using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Storage.Tests.Index;

/// <summary>
/// Filtered search inside the HNSW graph (usearch_filtered_search driven by the compiled filter columns) against the
/// reference: exact search over the images the row check accepts.
/// </summary>
public sealed class FilteredSearchTests
{
    private const int Dim = 64;

    [Fact]
    public void Filtered_search_on_a_small_index_returns_exactly_the_filtered_exact_answer()
    {
        var images = new SyntheticImages(500, seed: 21);
        using var hnsw = images.Hnsw();
        var filter = new SearchFilter(Format: "png"); // every tenth image
        var accepted = images.Columns.Compile(filter);

        for (var q = 0; q < 50; q++)
        {
            var query = images.Query(q);
            var expected = images.ExactAnswer(query, 10, filter);
            var actual = hnsw.Search(query, 10, accepted).Select(m => m.Key).ToArray();
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(100)] // 1 %: one source holds every hundredth image
    [InlineData(10)] // 10 %: one format
    public void Filtered_search_on_20k_vectors_finds_at_least_95_percent_of_the_exact_top_10_and_nothing_else(int oneIn)
    {
        var images = new SyntheticImages(20_000, seed: 22);
        using var hnsw = images.Hnsw();
        var filter = oneIn == 100 ? new SearchFilter(SourceId: 2) : new SearchFilter(Format: "png");
        var accepted = images.Columns.Compile(filter);
        var conditions = FilterCondition.Of(filter);

        var found = 0;
        for (var q = 0; q < 100; q++)
        {
            var query = images.Query(q);
            var truth = images.ExactAnswer(query, 10, filter).ToHashSet();
            var answer = hnsw.Search(query, 10, accepted);
            Assert.Equal(10, answer.Count);
            Assert.All(answer, m => Assert.True(FilterCondition.AllAccept(conditions, images.Values[m.Key]), $"{m.Key} does not match"));
            found += answer.Count(m => truth.Contains(m.Key));
        }
        var recall = found / 1000.0;
        Assert.True(recall >= 0.95, $"recall@10 = {recall:F3} at 1 in {oneIn}");
    }

    [Fact]
    public void A_filter_that_throws_fails_the_search_with_its_exception_instead_of_crossing_into_native_code()
    {
        var images = new SyntheticImages(300, seed: 23);
        using var hnsw = images.Hnsw();

        var failure = Assert.Throws<InvalidOperationException>(() => hnsw.Search(images.Query(0), 5, new ThrowingFilter()));

        Assert.IsType<ArgumentException>(failure.InnerException);
        Assert.Equal(5, hnsw.Search(images.Query(0), 5).Count); // the index still works
    }

    [Fact]
    public void Two_searches_run_inside_the_native_library_at_the_same_time()
    {
        // Each filter, on its first candidate, waits until the other search is inside the native library too: with
        // searches serialised the second never gets there and the wait times out.
        var images = new SyntheticImages(300, seed: 24);
        using var hnsw = images.Hnsw();
        var meeting = new Barrier(2);
        var met = new bool[2];
        var searches = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            hnsw.Search(images.Query(i), 5, new MeetingFilter(meeting, ok => met[i] = ok)))).ToList();

        searches.ForEach(t => t.Start());
        searches.ForEach(t => t.Join());

        Assert.Equal([true, true], met);
    }

    private sealed class ThrowingFilter : IVectorKeyFilter
    {
        private int _calls;

        public bool Accepts(long key) => ++_calls < 5 ? true : throw new ArgumentException("broken filter");
    }

    private sealed class MeetingFilter(Barrier meeting, Action<bool> report) : IVectorKeyFilter
    {
        private bool _first = true;

        public bool Accepts(long key)
        {
            if (_first)
            {
                _first = false;
                report(meeting.SignalAndWait(TimeSpan.FromSeconds(10)));
            }
            return true;
        }
    }
}
