namespace SemanticSearch.Crawler.Web;

/// <summary>A fetched resource: its bytes (at most the limit asked for) and the headers change detection uses.</summary>
internal sealed record WebResponse
{
    /// <summary>True when the server answered 304 to a conditional request: nothing changed, no body.</summary>
    public bool NotModified { get; init; }

    public byte[] Bytes { get; init; } = [];

    /// <summary>The media type from Content-Type, lower case, without parameters (never trusted for images).</summary>
    public string? MediaType { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public string? ETag { get; init; }

    /// <summary>The final URL after redirects.</summary>
    public Uri? FinalUri { get; init; }
}
