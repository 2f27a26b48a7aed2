namespace SemanticSearch.Core.Search;

/// <summary>A page of results, best first, and how long the search took.</summary>
/// <param name="HasMore">True when another page may follow (for infinite scroll).</param>
public sealed record SearchResponse(IReadOnlyList<SearchHit> Results, TimeSpan Took, bool HasMore)
{
    /// <summary>Why the query's language was not used (the model needs one and the tag is unknown); null otherwise.</summary>
    public string? LanguageNote { get; init; }
}
