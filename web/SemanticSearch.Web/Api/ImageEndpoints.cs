using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.Hosting;

namespace SemanticSearch.Web.Api;

/// <summary>
/// <c>/api/images/{id}</c>: metadata, "more like this", thumbnail and original. Every file served is found through the
/// catalog by id; nothing from the request ever becomes a path.
/// </summary>
public static class ImageEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Maps the image group.</summary>
    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/images/{id:long}").WithTags("Images");
        group.MapGet("", GetImage).WithName("GetImage").WithSummary("Metadata of a catalog image")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/similar", SimilarAsync).WithName("SimilarImages").WithSummary("More like this")
            .RequireRateLimiting(RateLimitingSetup.SearchPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/thumbnail", GetThumbnail).WithName("GetThumbnail").WithSummary("Thumbnail (ETag, cacheable)")
            .Produces(StatusCodes.Status200OK, contentType: "image/webp")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/original", GetOriginal).WithName("GetOriginal").WithSummary("The original file (or a redirect to its URL)")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .Produces(StatusCodes.Status302Found)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Results<Ok<ImageDetailsDto>, ProblemHttpResult> GetImage(long id, ICatalogStore catalog) =>
        catalog.GetImage(id) is { } image ? TypedResults.Ok(image.ToDetailsDto()) : ApiProblems.UnknownImage(id);

    private static async Task<Results<Ok<SearchResultsDto>, ProblemHttpResult>> SimilarAsync(
        long id, [AsParameters] SearchParameters parameters, ICatalogStore catalog, InstrumentedSearch search,
        IOptions<WebOptions> options, CancellationToken cancellationToken)
    {
        var query = parameters.ToQuery(options.Value, out var error);
        if (query is null)
            return ApiProblems.BadRequest(error!);
        if (catalog.GetImage(id) is not { Status: not ImageStatus.Deleted })
            return ApiProblems.UnknownImage(id);
        return await SearchEndpoints.RunAsync(search, query with { SimilarTo = id }, "similar", cancellationToken);
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> GetThumbnail(
        long id, HttpContext http, ICatalogStore catalog, DataFolder data, IOptions<WebOptions> options)
    {
        if (catalog.GetImage(id) is not { Status: not ImageStatus.Deleted } image)
            return ApiProblems.UnknownImage(id);
        if (string.IsNullOrEmpty(image.ThumbnailPath))
            return ApiProblems.NotFound($"Image {id} has no thumbnail yet (status: {image.Status.ToString().ToLowerInvariant()}).");
        var path = Path.GetFullPath(Path.Combine(data.Root, image.ThumbnailPath));
        // The catalog is trusted, but a thumbnail path must still stay inside the thumbnails folder.
        if (!path.StartsWith(Path.GetFullPath(data.ThumbnailsDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            return ApiProblems.NotFound($"The thumbnail of image {id} is missing; a full rebuild recreates it.");
        http.Response.Headers.CacheControl = $"public, max-age={options.Value.ThumbnailCacheSeconds}";
        return FileWithETag(path, ContentTypeOf(path, null));
    }

    private static Results<PhysicalFileHttpResult, RedirectHttpResult, ProblemHttpResult> GetOriginal(
        long id, HttpContext http, ICatalogStore catalog)
    {
        if (catalog.GetImage(id) is not { Status: not ImageStatus.Deleted } image)
            return ApiProblems.UnknownImage(id);
        if (Uri.TryCreate(image.Location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return TypedResults.Redirect(uri.AbsoluteUri);
        if (!Path.IsPathRooted(image.Location) || !File.Exists(image.Location))
            return ApiProblems.NotFound($"The original of image {id} is no longer at {image.Location}.");
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return FileWithETag(image.Location, ContentTypeOf(image.Location, image.Format));
    }

    /// <summary>A file result whose ETag and Last-Modified come from the file, so If-None-Match answers 304.</summary>
    private static PhysicalFileHttpResult FileWithETag(string path, string contentType)
    {
        var info = new FileInfo(path);
        var etag = new EntityTagHeaderValue($"\"{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}\"");
        return TypedResults.PhysicalFile(path, contentType, lastModified: info.LastWriteTimeUtc, entityTag: etag, enableRangeProcessing: true);
    }

    private static string ContentTypeOf(string path, string? format) => format?.ToLowerInvariant() switch
    {
        "jpeg" or "jpg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        _ => ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream",
    };
}
