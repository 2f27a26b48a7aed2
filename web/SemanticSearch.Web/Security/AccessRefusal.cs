namespace SemanticSearch.Web.Security;

/// <summary>
/// Why authentication refused a request, kept on the request for the challenge to answer with (authentication itself
/// returns "no result", so ASP.NET Core does not log a line per wrong key).
/// </summary>
public sealed record AccessRefusal(int Status, string Title, string Detail, TimeSpan? RetryAfter = null)
{
    private static readonly object ItemKey = new();

    /// <summary>Too many wrong keys from this address.</summary>
    public static AccessRefusal Throttled(TimeSpan wait) => new(StatusCodes.Status429TooManyRequests, "Too many attempts",
        "Too many wrong keys from this address; wait before trying again (see Retry-After).", wait);

    /// <summary>A key in the header that matches neither the admin nor the viewer key.</summary>
    public static AccessRefusal WrongKey() => new(StatusCodes.Status401Unauthorized, "Wrong key",
        $"The {AdminAuth.HeaderName} header matches neither the admin key nor the viewer key.");

    /// <summary>A loopback client that addressed the host by another name (what DNS rebinding looks like).</summary>
    public static AccessRefusal ForeignHost() => new(StatusCodes.Status403Forbidden, "Forbidden",
        "No admin key is configured, so admin only answers requests addressed to localhost, 127.0.0.1 or [::1].");

    /// <summary>Remembers <paramref name="refusal"/> on the request.</summary>
    public static void Set(HttpContext context, AccessRefusal refusal) => context.Items[ItemKey] = refusal;

    /// <summary>The refusal remembered on the request, if any.</summary>
    public static AccessRefusal? Of(HttpContext context) => context.Items[ItemKey] as AccessRefusal;
}
