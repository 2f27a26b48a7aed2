namespace SemanticSearch.Crawler.Web;

/// <summary>Names shared by the HTTP registration and its users.</summary>
internal static class CrawlerHttp
{
    /// <summary>The IHttpClientFactory client with retries, timeouts and the per-host rate limit.</summary>
    public const string ClientName = "SemanticSearch.Crawler";

    /// <summary>Largest HTML page or URL list read.</summary>
    public const long MaxPageBytes = 5L * 1024 * 1024;

    /// <summary>Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB).</summary>
    public const long MaxRobotsBytes = 512 * 1024;

    /// <summary>The key rate limits and robots.txt are kept by: scheme, host and port.</summary>
    public static string HostKey(Uri uri) => uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}
