using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Crawler;
using SemanticSearch.Crawler.Files;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.Hosting;

namespace SemanticSearch.Web.Api;

/// <summary>
/// <c>/api/images/{id}</c>: metadata, "more like this", thumbnail and original. Every file served is found through the
/// catalog by id (nothing from the request ever becomes a path), only for indexed images, and only while the original
/// is still the regular file, inside its source, that was indexed.
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
        group.MapGet("/original", GetOriginal).WithName("GetOriginal").WithSummary("The original file of an indexed image (or a redirect to its URL)")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .Produces(StatusCodes.Status302Found)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<ImageDetailsDto>, ProblemHttpResult>> GetImage(long id, HttpContext http, ICatalogReader catalog) =>
        catalog.GetImage(id) is { } image
            ? TypedResults.Ok(image.ToDetailsDto(await LocationView.ForAsync(http, catalog)))
            : ApiProblems.UnknownImage(id);

    private static async Task<Results<Ok<SearchResultsDto>, ProblemHttpResult>> SimilarAsync(
        long id, HttpContext http, [AsParameters] SearchParameters parameters, ICatalogReader catalog, InstrumentedSearch search,
        IOptions<WebOptions> options, CancellationToken cancellationToken)
    {
        var query = parameters.ToQuery(options.Value, out var error);
        if (query is null)
            return ApiProblems.BadRequest(error!);
        if (catalog.GetImage(id) is not { Status: not ImageStatus.Deleted })
            return ApiProblems.UnknownImage(id);
        var view = await LocationView.ForAsync(http, catalog);
        return await SearchEndpoints.RunAsync(search, query with { SimilarTo = id }, "similar", view, cancellationToken);
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> GetThumbnail(
        long id, HttpContext http, ICatalogReader catalog, DataFolder data, IOptions<WebOptions> options, IOptions<CrawlerOptions> crawler)
    {
        if (catalog.GetImage(id) is not { Status: ImageStatus.Indexed } image)
            return ApiProblems.UnknownImage(id);
        if (string.IsNullOrEmpty(image.ThumbnailPath))
            return ApiProblems.NotFound($"Image {id} has no thumbnail yet.");
        // A thumbnail shows the original: it goes when the original no longer passes the checks it is served under.
        if (!WebLocations.IsHttpUrl(image.Location) && CheckOriginal(image, catalog, crawler.Value) is { } problem)
            return problem;
        if (ThumbnailFile(data, image.ThumbnailPath) is not { } path)
            return ApiProblems.NotFound($"The thumbnail of image {id} is missing; a full rebuild recreates it.");
        http.Response.Headers.CacheControl = $"public, max-age={options.Value.ThumbnailCacheSeconds}";
        return FileWithETag(path, ContentTypeOf(path, null));
    }

    private static Results<FileStreamHttpResult, RedirectHttpResult, ProblemHttpResult> GetOriginal(
        long id, HttpContext http, ICatalogReader catalog, IOptions<CrawlerOptions> crawler)
    {
        if (catalog.GetImage(id) is not { Status: ImageStatus.Indexed } image)
            return ApiProblems.UnknownImage(id);
        if (WebLocations.IsHttpUrl(image.Location) && Uri.TryCreate(image.Location, UriKind.Absolute, out var uri))
            return TypedResults.Redirect(uri.AbsoluteUri);
        if (OpenOriginal(image, catalog, crawler.Value, out var problem) is not { } original)
            return problem!;
        http.Response.Headers.CacheControl = "private, max-age=3600";
        var (size, modified) = (original.Status.Size, original.Status.Modified);
        var etag = new EntityTagHeaderValue($"\"{modified.UtcTicks:x}-{size:x}\"");
        // The stream owns the file handle the checks were made on: what was checked is what is sent.
        return TypedResults.File(original.OpenStream(), ContentTypeOf(image.Location, image.Format), lastModified: modified, entityTag: etag,
            enableRangeProcessing: true);
    }

    private static ProblemHttpResult? CheckOriginal(CatalogImage image, ICatalogReader catalog, CrawlerOptions crawler)
    {
        using var original = OpenOriginal(image, catalog, crawler, out var problem);
        return problem;
    }

    private static VerifiedOriginal? OpenOriginal(CatalogImage image, ICatalogReader catalog, CrawlerOptions crawler, out ProblemHttpResult? problem)
    {
        problem = null;
        var source = catalog.GetSource(image.SourceId);
        string? reason = null;
        var original = source is null ? null : VerifiedOriginal.TryOpen(image, source, crawler.MayFollowLinksOutside(source.Location), out reason);
        if (original is null)
            problem = ApiProblems.NotFound($"The original of image {image.Id} is not served: {reason ?? "its source is gone"}. The next scan updates the catalog.");
        return original;
    }

    /// <summary>The thumbnail's path when its real path is a regular file inside the thumbnails folder's real path.</summary>
    private static string? ThumbnailFile(DataFolder data, string relative)
    {
        try
        {
            var thumbnails = OriginalFiles.RealPath(data.ThumbnailsDirectory);
            var real = OriginalFiles.RealPath(Path.GetFullPath(Path.Combine(data.Root, relative)));
            return real != thumbnails && OriginalFiles.IsInside(real, thumbnails) && OriginalFiles.Status(real, followLinks: false).Kind == FileKind.File
                ? real
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
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
