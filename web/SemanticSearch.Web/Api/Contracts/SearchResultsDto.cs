namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A page of search results.</summary>
/// <param name="Results">Best first.</param>
/// <param name="TookMs">Time the search service took, in milliseconds.</param>
/// <param name="HasMore">True when asking with a larger offset may return more.</param>
/// <param name="Offset">Offset of the first result.</param>
/// <param name="K">Results asked for.</param>
public sealed record SearchResultsDto(IReadOnlyList<SearchResultDto> Results, double TookMs, bool HasMore, int Offset, int K)
{
    /// <summary>Set when the model needs the text's language and <c>lang</c> was not one it knows: the text was read as English.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? LanguageNote { get; init; }
}
