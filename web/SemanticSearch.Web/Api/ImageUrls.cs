using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Web.Api;

/// <summary>The URLs of an image's resources, for the API and the UI alike.</summary>
public static class ImageUrls
{
    /// <summary>Thumbnail URL; the version parameter changes when the image does, so long browser caching is safe.</summary>
    public static string Thumbnail(CatalogImage image) => $"/api/images/{image.Id}/thumbnail?v={Version(image)}";

    /// <summary>URL of the original (a redirect for web images).</summary>
    public static string Original(CatalogImage image) => $"/api/images/{image.Id}/original?v={Version(image)}";

    /// <summary>API URL of the "more like this" search.</summary>
    public static string Similar(long id) => $"/api/images/{id}/similar";

    /// <summary>UI URL of the "more like this" search.</summary>
    public static string SimilarPage(long id) => $"/?similar={id}";

    private static string Version(CatalogImage image) =>
        image.ContentHash is { Length: >= 12 } hash ? hash[..12].ToLowerInvariant() : image.Updated.UtcTicks.ToString("x");
}
