namespace SemanticSearch.Core.Search;

/// <summary>A query that cannot be answered, with a reason a person can read (maps to HTTP 400/404).</summary>
public sealed class SearchQueryException(string message, bool notFound = false) : Exception(message)
{
    /// <summary>True when the query names something that does not exist (an unknown image id).</summary>
    public bool NotFound { get; } = notFound;
}
