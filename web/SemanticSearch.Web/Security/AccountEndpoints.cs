using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace SemanticSearch.Web.Security;

/// <summary>
/// <c>POST /admin/signout</c>, posted by the admin page's form (antiforgery-checked). Signing in is a server-rendered
/// form on <c>/admin/signin</c>.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Maps the sign-out endpoint.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(AdminAuth.SignOutPath, async (HttpContext http) =>
            {
                await http.SignOutAsync(AdminAuth.CookieScheme);
                return TypedResults.LocalRedirect("/");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A return URL that stays on this site ("/admin", not "//evil.example" or "https://..."); "/admin" otherwise.
    /// Only printable ASCII: the URL becomes a Location header, where anything else fails the response.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && returnUrl.All(c => c is > ' ' and <= '~')
            ? returnUrl
            : "/admin";
}
