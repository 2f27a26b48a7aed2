namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A page of search results.</summary>
/// <param name="Results">Best first.</param>
/// <param name="TookMs">Time the search service took, in milliseconds.</param>
/// <param name="HasMore">True when asking with a larger offset may return more.</param>
/// <param name="Offset">Offset of the first result.</param>
/// <param name="K">Results asked for.</param>
public sealed record SearchResultsDto(IReadOnlyList<SearchResultDto> Results, double TookMs, bool HasMore, int Offset, int K)
{
    /// <summary>True when the text query adds too little over a neutral prompt: the results are the closest images, not matches.</summary>
    public bool WeakMatch { get; init; }

    /// <summary>
    /// Id of the stored query image (image searches only): <c>GET /api/search?image=&lt;id&gt;</c> and the page's
    /// <c>/?image=&lt;id&gt;</c> search with it again while it is kept. Null when it could not be stored.
    /// </summary>
    public string? ImageId { get; init; }

    /// <summary>Near-duplicates hidden up to the end of this page (in the whole window for sort=date); duplicates=true shows them.</summary>
    public int HiddenDuplicates { get; init; }

    /// <summary>Set when the model needs the text's language and <c>lang</c> was not one it knows: the text was read as English.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? LanguageNote { get; init; }
}
