using SemanticSearch.Core.Search;

namespace SemanticSearch.Web.Api;

/// <summary>The <c>sort</c> value of the API and the page's URL: <c>relevance</c> (or nothing) and <c>date</c>.</summary>
public static class SortParameter
{
    /// <summary>Reads <paramref name="value"/>; false for anything else.</summary>
    public static bool TryParse(string? value, out SearchSort sort)
    {
        sort = SearchSort.Relevance;
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals("relevance", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!value.Trim().Equals("date", StringComparison.OrdinalIgnoreCase))
            return false;
        sort = SearchSort.Date;
        return true;
    }
}
