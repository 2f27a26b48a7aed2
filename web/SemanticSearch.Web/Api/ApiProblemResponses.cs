using Microsoft.AspNetCore.Diagnostics;
using SemanticSearch.Web.Security;

namespace SemanticSearch.Web.Api;

/// <summary>
/// On <c>/api</c>, the HTML status-code pages are off, and an error the framework answers with no body (an unknown
/// route or id, a method the route does not take) gets problem details, so API clients always get a reason.
/// </summary>
public static class ApiProblemResponses
{
    /// <summary>Adds the middleware; place it after <c>UseStatusCodePages</c>.</summary>
    public static IApplicationBuilder UseApiProblemResponses(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!AdminAuth.IsApiRequest(http))
        {
            await next(http);
            return;
        }
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            statusPages.Enabled = false;
        await next(http);
        var response = http.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
            return;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = response.StatusCode,
                Detail = response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => $"There is no API endpoint or item at {http.Request.Path}.",
                    StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
                    _ => "The request could not be processed.",
                },
            },
        });
    });
}
