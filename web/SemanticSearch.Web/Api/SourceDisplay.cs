using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Web.Api;

/// <summary>How an image's location is shown to someone who is not an admin: relative to its source, never a server path.</summary>
public static class SourceDisplay
{
    /// <summary>
    /// <c>sub/folder/name.jpg</c> for a file of a folder source; a web image keeps its URL. A file whose source is
    /// gone, or that is not under it, shows its file name only.
    /// </summary>
    public static string RelativeLocation(CatalogImage image, CatalogSource? source)
    {
        if (source?.Kind == SourceKind.Web || IsUrl(image.Location))
            return image.Location;
        if (source is not null)
        {
            var root = source.Location.TrimEnd('/') + "/";
            if (image.Location.StartsWith(root, StringComparison.Ordinal) && image.Location.Length > root.Length)
                return image.Location[root.Length..];
        }
        return image.Location[(image.Location.LastIndexOf('/') + 1)..];
    }

    /// <summary>The source's display name: a folder's own name, or a web source's host.</summary>
    public static string NameOf(CatalogSource? source) => source switch
    {
        null => "",
        { Kind: SourceKind.Web } when Uri.TryCreate(source.Location, UriKind.Absolute, out var uri) => uri.Host,
        _ => source.Location.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed[(trimmed.LastIndexOf('/') + 1)..] : "/",
    };

    private static bool IsUrl(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
