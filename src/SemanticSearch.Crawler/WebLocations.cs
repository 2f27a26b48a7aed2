namespace SemanticSearch.Crawler;

/// <summary>Small checks on source locations shared by validation, the CLI and the pipeline.</summary>
public static class WebLocations
{
    /// <summary>True for an absolute http:// or https:// URL.</summary>
    public static bool IsHttpUrl(string location) =>
        Uri.TryCreate(location.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
