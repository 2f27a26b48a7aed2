namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// The decode-memory budget stayed full for the whole short wait: the server is busy with other images, not broken.
/// <see cref="RetryAfter"/> says when trying again is worthwhile.
/// </summary>
public sealed class SearchBusyException(string message, TimeSpan retryAfter) : Exception(message)
{
    /// <summary>When to try again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
