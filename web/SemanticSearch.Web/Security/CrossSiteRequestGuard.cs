namespace SemanticSearch.Web.Security;

/// <summary>
/// Refuses (403) state-changing requests that a page on another site made: any method but GET/HEAD/OPTIONS/TRACE,
/// and websocket upgrades, whose <c>Sec-Fetch-Site</c> is not same-origin or whose <c>Origin</c> is not this host.
/// Requests carrying <c>X-Api-Key</c> are exempt: a cross-site page cannot add that header without a CORS preflight,
/// which this host never grants. Requests with neither header do not come from a web page (curl, scripts).
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IProblemDetailsService problemDetails)
{
    /// <summary>Runs the check, then the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsCrossSite(context.Request))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-site request refused",
                Detail = "Requests that change something must come from this site's own pages (or carry X-Api-Key).",
            },
        });
    }

    /// <summary>True when <paramref name="request"/> changes state and a browser says it came from another origin.</summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        var method = request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        var upgrade = string.Equals(request.Headers.Upgrade.ToString(), "websocket", StringComparison.OrdinalIgnoreCase);
        if ((safe && !upgrade) || request.Headers.ContainsKey(AdminAuth.HeaderName))
            return false;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
            return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return false;
        // "null" (sandboxed frames, file: pages) does not parse and is refused like any other foreign origin.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
