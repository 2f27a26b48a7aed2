using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Web.Api;

namespace SemanticSearch.Web.Security;

/// <summary>
/// <c>POST /admin/signout</c>, posted by the admin page's form. Signing in is a server-rendered form on
/// <c>/admin/signin</c>.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Maps the sign-out endpoint.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(AdminAuth.SignOutPath, SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOutAsync(
        HttpContext http, IAntiforgery antiforgery, SessionRegistry sessions)
    {
        // The antiforgery middleware only records its verdict on form posts; an endpoint that binds no form must read
        // it itself, and a post that is not a form carries no token at all.
        var verdict = http.Features.Get<IAntiforgeryValidationFeature>();
        if (!(verdict?.IsValid ?? await antiforgery.IsRequestValidAsync(http)))
            return ApiProblems.BadRequest("Sign out from the admin page: the antiforgery token is missing or invalid.");
        var signedIn = await http.AuthenticateAsync(AdminAuth.CookieScheme);
        sessions.Revoke(signedIn.Principal?.FindFirst(AdminAuth.SessionClaim)?.Value);
        await http.SignOutAsync(AdminAuth.CookieScheme);
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>
    /// A return URL that stays on this site and fits in a Location header ("/admin", not "//evil.example",
    /// "https://...", "/\tevil" or non-ASCII); "/" otherwise.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && returnUrl.All(c => c is > ' ' and < (char)0x7F)
            ? returnUrl
            : "/";
}
