namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A page of search results.</summary>
/// <param name="Results">Best first.</param>
/// <param name="TookMs">Time the search service took, in milliseconds.</param>
/// <param name="HasMore">True when asking with a larger offset may return more.</param>
/// <param name="Offset">Offset of the first result.</param>
/// <param name="K">Results asked for.</param>
public sealed record SearchResultsDto(IReadOnlyList<SearchResultDto> Results, double TookMs, bool HasMore, int Offset, int K)
{
    /// <summary>Near-duplicates hidden up to the end of this page (in the whole window for sort=date); duplicates=true shows them.</summary>
    public int HiddenDuplicates { get; init; }
}
