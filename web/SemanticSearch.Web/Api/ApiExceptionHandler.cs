using Microsoft.AspNetCore.Diagnostics;

namespace SemanticSearch.Web.Api;

/// <summary>
/// Last line for unexpected failures on <c>/api</c>: logs them and answers a 500 problem without internals.
/// Expected failures (bad input, unknown ids, bad images) are answered by the endpoints themselves.
/// Pages fall through to the error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the middleware has rewritten Request.Path to the error page; the feature keeps the path asked for.
        var path = new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path);
        if (!path.StartsWithSegments("/api"))
            return false;
        var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        if (status >= 500)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, path);
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = status switch
                {
                    >= 500 => "Internal error",
                    StatusCodes.Status408RequestTimeout => "Request too slow",
                    _ => "Bad request",
                },
                Detail = status >= 500 ? "The server failed to answer; the error was logged." : exception.Message,
            },
        });
    }
}
