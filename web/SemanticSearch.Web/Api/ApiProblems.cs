using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Web.Api;

/// <summary>RFC 7807 problem details for the API's expected failures, each with a message a person can act on.</summary>
public static class ApiProblems
{
    /// <summary>400 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    /// <summary>404 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>404 for an id that is not in the catalog.</summary>
    public static ProblemHttpResult UnknownImage(long id) => NotFound($"There is no image with id {id} in the catalog.");

    /// <summary>413 for an upload over the limit.</summary>
    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        $"The upload is larger than the limit of {limit / (1024 * 1024.0):0.#} MB.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");

    /// <summary>408 for a request body that arrived slower than the server's minimum data rate.</summary>
    public static ProblemHttpResult TooSlow(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status408RequestTimeout, title: "Request too slow");

    /// <summary>503 while the model cannot be loaded.</summary>
    public static ProblemHttpResult ModelUnavailable(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Search is unavailable: the model is missing");

    /// <summary>503 with Retry-After while the decode-memory budget is in use by other images.</summary>
    public static ProblemHttpResult Busy(HttpContext http, string detail, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy: try again shortly");
    }

    /// <summary>400 (bad query) or 404 (unknown image).</summary>
    public static ProblemHttpResult From(SearchQueryException e) =>
        e.NotFound ? NotFound(e.Message) : BadRequest(e.Message);

    /// <summary>415 for data that is no (supported) image, 413 when too large or too many pixels, 400 otherwise.</summary>
    public static ProblemHttpResult From(ImageDecodeException e) => e.Kind switch
    {
        ImageErrorKind.NotAnImage or ImageErrorKind.UnsupportedFormat => TypedResults.Problem(
            e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a supported image"),
        ImageErrorKind.TooManyPixels => TypedResults.Problem(
            e.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Image has too many pixels"),
        ImageErrorKind.TooLarge => TypedResults.Problem(
            e.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Image too large"),
        _ => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Unusable image"),
    };
}
