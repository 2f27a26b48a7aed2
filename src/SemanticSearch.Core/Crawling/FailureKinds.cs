namespace SemanticSearch.Core.Crawling;

/// <summary>
/// The stable failure categories the crawler stores (catalog <c>FailureKind</c>, <see cref="CrawlFailure.Kind"/>):
/// every <see cref="Imaging.ImageErrorKind"/> name plus the web-only ones below.
/// </summary>
public static class FailureKinds
{
    /// <summary>The server answered with an HTTP error status (404, 500, ...).</summary>
    public const string HttpError = "HttpError";

    /// <summary>The server did not answer in time.</summary>
    public const string Timeout = "Timeout";

    /// <summary>robots.txt forbids fetching the URL.</summary>
    public const string Disallowed = "Disallowed";

    /// <summary>The network failed (connection refused, DNS, reset).</summary>
    public const string Network = "Network";

    /// <summary>Anything else that went wrong with one image (a decoder or model error); the reason says what.</summary>
    public const string Unexpected = "Unexpected";

    /// <summary>The name of an <see cref="Imaging.ImageErrorKind"/>, as stored.</summary>
    public static string From(Imaging.ImageErrorKind kind) => kind.ToString();
}
