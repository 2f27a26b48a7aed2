using SemanticSearch.Core.Search;

namespace SemanticSearch.Web.Tests.Fakes;

/// <summary>Answers with a configured function and records the queries.</summary>
internal sealed class FakeSearchService : ISearchService
{
    public List<SearchQuery> Queries { get; } = [];

    public Func<SearchQuery, SearchResponse> Answer { get; set; } = _ => new SearchResponse([], TimeSpan.FromMilliseconds(1), false);

    /// <summary>When set, answers instead of <see cref="Answer"/>, asynchronously (a slow search, a cancelled one).</summary>
    public Func<SearchQuery, CancellationToken, Task<SearchResponse>>? AnswerAsync { get; set; }

    public Task<SearchResponse> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        lock (Queries)
            Queries.Add(query);
        return AnswerAsync is { } answer ? answer(query, cancellationToken) : Task.FromResult(Answer(query));
    }
}
