namespace SemanticSearch.Core.Search;

/// <summary>How a page of results is ordered.</summary>
public enum SearchSort
{
    /// <summary>Best match first (the default).</summary>
    Relevance,

    /// <summary>
    /// The most relevant matches (a window of <see cref="SearchOptions.DateSortWindow"/>) newest first: by date taken,
    /// then by modification time; images without a date taken follow those with one.
    /// </summary>
    Date,
}
