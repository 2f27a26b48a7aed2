using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.Hosting;
using SemanticSearch.Web.QueryImages;

namespace SemanticSearch.Web.Api;

/// <summary>
/// <c>GET /api/search</c> (text, or a stored query image by id) and <c>POST /api/search/image</c> (query by example,
/// which keeps the image and returns its id).
/// </summary>
public static class SearchEndpoints
{
    /// <summary>Maps the search group, rate-limited per client.</summary>
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search").RequireRateLimiting(RateLimitingSetup.SearchPolicy);
        group.MapGet("", SearchTextAsync)
            .WithName("SearchText")
            .WithSummary("Search by text")
            .WithDescription("Text or a weighted expression (\"cat + 0.5 snow - dog\"); results best first. " +
                             "With image=<id> (from POST /api/search/image) the stored image is the query and q is optional.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/image", SearchImageAsync)
            .WithName("SearchImage")
            .WithSummary("Search by example image")
            .WithDescription("Multipart upload (field 'file') or the raw image as the body; the format is read from the bytes. " +
                             "An optional q adds text to the query.")
            // Documented, not declared with Accepts(): that would turn away bodies with other (or no) content types,
            // and the content type is not trusted anyway.
            .AddOpenApiOperationTransformer(UploadDocumentation.DescribeImageBody)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapFolderList();
        return app;
    }

    private static async Task<Results<Ok<SearchResultsDto>, ProblemHttpResult>> SearchTextAsync(
        HttpContext http, [AsParameters] SearchParameters parameters, InstrumentedSearch search, ICatalogReader catalog,
        IOptions<WebOptions> options, QueryImageStore images, IOptions<QueryImageOptions> imageOptions, CancellationToken cancellationToken)
    {
        var text = parameters.ValidateText(optional: parameters.Image is not null, out var error);
        if (error is not null)
            return ApiProblems.BadRequest(error);
        var query = parameters.ToQuery(options.Value, out error);
        if (query is null)
            return ApiProblems.BadRequest(error!);
        if (parameters.Image is { } imageId)
        {
            var (stored, missing) = await StoredQueryImage.LoadAsync(imageId, images, imageOptions.Value, cancellationToken);
            if (missing is not null)
                return missing;
            return await RunImageAsync(http, search, query with { Text = text, Image = stored }, imageId, await LocationView.ForAsync(http, catalog), cancellationToken);
        }
        return await RunAsync(search, query with { Text = text }, "text", await LocationView.ForAsync(http, catalog), cancellationToken);
    }

    private static async Task<Results<Ok<SearchResultsDto>, ProblemHttpResult>> SearchImageAsync(
        HttpRequest request, [AsParameters] SearchParameters parameters, InstrumentedSearch search, ICatalogReader catalog,
        IOptions<WebOptions> options, QueryImageStore images, CancellationToken cancellationToken)
    {
        var text = parameters.ValidateText(optional: true, out var error);
        if (error is not null)
            return ApiProblems.BadRequest(error);
        var query = parameters.ToQuery(options.Value, out error);
        if (query is null)
            return ApiProblems.BadRequest(error!);
        var (data, problem) = await UploadReader.ReadAsync(request, options.Value.MaxUploadBytes, cancellationToken);
        if (problem is not null)
            return problem;
        var view = await LocationView.ForAsync(request.HttpContext, catalog);
        var result = await RunImageAsync(request.HttpContext, search, query with { Text = text, Image = data }, imageId: null, view, cancellationToken);
        // Kept only once the search decoded it: the store holds images that passed every upload check.
        if (result.Result is not Ok<SearchResultsDto> { Value: { } answer })
            return result;
        return TypedResults.Ok(answer with { ImageId = await images.SaveAsync(data, cancellationToken) });
    }

    /// <summary>Runs an image query; a full decode budget is 503 with Retry-After.</summary>
    private static async Task<Results<Ok<SearchResultsDto>, ProblemHttpResult>> RunImageAsync(
        HttpContext http, InstrumentedSearch search, SearchQuery query, string? imageId, LocationView view, CancellationToken cancellationToken)
    {
        try
        {
            var result = await RunAsync(search, query, "image", view, cancellationToken);
            return result.Result is Ok<SearchResultsDto> { Value: { } answer } && imageId is not null
                ? TypedResults.Ok(answer with { ImageId = imageId })
                : result;
        }
        catch (SearchBusyException e)
        {
            return ApiProblems.Busy(http, e.Message, e.RetryAfter);
        }
    }

    /// <summary>Runs a query and maps the expected failures to problem details.</summary>
    internal static async Task<Results<Ok<SearchResultsDto>, ProblemHttpResult>> RunAsync(
        InstrumentedSearch search, SearchQuery query, string kind, LocationView view, CancellationToken cancellationToken)
    {
        if (!FolderScope.TryResolve(query.Filter, view.SourceOf(query.Filter.SourceId), view.IsAdmin, out var filter, out var folderError))
            return ApiProblems.BadRequest(folderError!);
        query = query with { Filter = filter };
        try
        {
            var response = await search.SearchAsync(query, kind, cancellationToken);
            return TypedResults.Ok(response.ToDto(query.Offset, query.Limit, view));
        }
        catch (SearchQueryException e)
        {
            return ApiProblems.From(e);
        }
        catch (ImageDecodeException e)
        {
            return ApiProblems.From(e);
        }
        catch (SearchUnavailableException e)
        {
            return ApiProblems.ModelUnavailable(e.Message);
        }
    }
}
