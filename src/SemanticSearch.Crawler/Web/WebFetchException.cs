namespace SemanticSearch.Crawler.Web;

/// <summary>A web request that failed, with the failure kind stored in the catalog and a readable reason.</summary>
internal sealed class WebFetchException(string kind, string reason, Exception? inner = null, int? status = null) : Exception(reason, inner)
{
    /// <summary>The HTTP status when the server answered with an error.</summary>
    public int? Status { get; } = status;

    /// <summary>One of <see cref="Core.Crawling.FailureKinds"/> or an ImageErrorKind name.</summary>
    public string Kind { get; } = kind;
}
