namespace SemanticSearch.Web.Security;

/// <summary>Names shared by the authentication schemes, policies and endpoints of admin and viewer access.</summary>
public static class AdminAuth
{
    /// <summary>Authorization policy required by the admin API and the admin page.</summary>
    public const string Policy = "Admin";

    /// <summary>Policy every page and API needs in <see cref="AccessMode.Private"/> (viewer or admin).</summary>
    public const string ViewerPolicy = "Viewer";

    /// <summary>Role every authenticated admin principal carries.</summary>
    public const string Role = "admin";

    /// <summary>Role of people and clients signed in with the viewer key.</summary>
    public const string ViewerRole = "viewer";

    /// <summary>Header API clients send the admin or viewer key in.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The default scheme: the <see cref="HeaderName"/> header, loopback (no admin key), or the session cookie.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Cookie scheme of people signed in on the sign-in page.</summary>
    public const string CookieScheme = "AdminCookie";

    /// <summary>Claim carrying the fingerprint of the key a session was signed in with.</summary>
    public const string KeyClaim = "semsearch:admin-key";

    /// <summary>Claim carrying the session's id in <see cref="SessionRegistry"/>.</summary>
    public const string SessionClaim = "semsearch:session";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/admin/signin";

    /// <summary>The sign-out endpoint (POST).</summary>
    public const string SignOutPath = "/admin/signout";

    /// <summary>
    /// True for requests of programs (the HTTP API, the OpenAPI document, metrics): they get problem details, never a
    /// redirect to the sign-in page.
    /// </summary>
    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi")
        || context.Request.Path.StartsWithSegments("/metrics");

    /// <summary>True for the admin API, which never honours the session cookie (only the key, or loopback).</summary>
    public static bool IsAdminApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api/admin");
}
