namespace SemanticSearch.Web.Components.Search;

/// <summary>The states of the search page.</summary>
public enum SearchViewState
{
    /// <summary>No query yet.</summary>
    Idle,
    /// <summary>A query is running.</summary>
    Loading,
    /// <summary>Results are shown.</summary>
    Results,
    /// <summary>The query found nothing.</summary>
    Empty,
    /// <summary>The query failed; a message says why.</summary>
    Error,
}
