using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>
/// Headers every response gets, set when the response starts (so error pages get them too): no MIME sniffing, no
/// framing, the Content-Security-Policy, Location headers made relative (never reflecting the request's Host), and in
/// <see cref="AccessMode.Private"/> nothing cacheable by shared caches.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<AccessOptions> access)
{
    /// <summary>
    /// Scripts only from this site's files (Blazor's script and app.js; the page has no inline script). Styles allow
    /// inline because Blazor's reconnect dialog injects a style element and the progress bar sets its width in a style
    /// attribute; styles cannot run code. Images may come from other sites: originals of web sources are shown from
    /// where they were found. <c>connect-src 'self'</c> covers Blazor's same-origin websocket.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: http: https:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Registers the headers for when the response starts, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            Apply(context, access.Value.Mode);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void Apply(HttpContext context, AccessMode mode)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        var location = headers.Location.ToString();
        if (Uri.TryCreate(location, UriKind.Absolute, out var target)
            && string.Equals(target.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(target.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
            headers.Location = target.PathAndQuery + target.Fragment;
        if (mode == AccessMode.Private && headers.CacheControl.ToString() is { Length: > 0 } cache
            && cache.Contains("public", StringComparison.OrdinalIgnoreCase))
            headers.CacheControl = cache.Replace("public", "private", StringComparison.OrdinalIgnoreCase);
    }
}
