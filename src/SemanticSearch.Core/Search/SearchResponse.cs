namespace SemanticSearch.Core.Search;

/// <summary>A page of results, best first, and how long the search took.</summary>
/// <param name="HasMore">True when another page may follow (for infinite scroll).</param>
public sealed record SearchResponse(IReadOnlyList<SearchHit> Results, TimeSpan Took, bool HasMore)
{
    /// <summary>True when a text query adds too little over a neutral prompt: these are the closest images, not matches (see <see cref="WeakMatchDetector"/>).</summary>
    public bool WeakMatch { get; init; }

    /// <summary>
    /// Near-duplicates hidden from the results up to the end of this page (for a date sort, in the whole window); 0
    /// when they are kept.
    /// </summary>
    public int HiddenDuplicates { get; init; }

    /// <summary>Why the query's language was not used (the model needs one and the tag is unknown); null otherwise.</summary>
    public string? LanguageNote { get; init; }
}
