namespace SemanticSearch.Web.Security;

/// <summary>Names shared by the admin authentication schemes, policy and endpoints.</summary>
public static class AdminAuth
{
    /// <summary>Authorization policy required by the admin API and the admin page.</summary>
    public const string Policy = "Admin";

    /// <summary>Role every authenticated admin principal carries.</summary>
    public const string Role = "admin";

    /// <summary>Header API clients send the admin key in.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Scheme checking <see cref="HeaderName"/> (and loopback when no key is configured).</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Cookie scheme of people signed in on the admin page.</summary>
    public const string CookieScheme = "AdminCookie";

    /// <summary>Default scheme: picks one of the two per request.</summary>
    public const string SelectorScheme = "Admin";

    /// <summary>Claim carrying <see cref="AdminKey.Fingerprint"/> in session cookies.</summary>
    public const string KeyClaim = "semsearch:admin-key";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/admin/signin";

    /// <summary>The sign-out endpoint (POST).</summary>
    public const string SignOutPath = "/admin/signout";

    /// <summary>True for HTTP API requests, which never use the session cookie (no CSRF on the admin API).</summary>
    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
