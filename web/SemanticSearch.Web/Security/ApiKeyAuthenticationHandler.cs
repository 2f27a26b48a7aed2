using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>
/// The default scheme. Authenticates by the <c>X-Api-Key</c> header (admin or viewer key, throttled per address);
/// with no admin key configured, any loopback client that addresses the host as localhost is admin; otherwise the
/// session cookie counts, except on the admin API. Challenges answer problem details on the API and send people to
/// the sign-in page elsewhere, with a relative Location.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey adminKey,
    ViewerKey viewerKey,
    SignInThrottle throttle,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var client = Context.Connection.RemoteIpAddress;
        if (Request.Headers.TryGetValue(AdminAuth.HeaderName, out var presented))
        {
            // Refused before comparing, so a throttled client learns nothing even from the right key.
            if (throttle.RetryAfter(client) is { } wait)
                return Refuse(AccessRefusal.Throttled(wait));
            if (adminKey.Matches(presented.ToString()))
                return Success(AdminAuth.Role, "api-key");
            if (viewerKey.Matches(presented.ToString()))
                return Success(AdminAuth.ViewerRole, "api-key");
            throttle.RecordFailure(client);
            return Refuse(AccessRefusal.WrongKey());
        }
        if (!adminKey.IsConfigured && AdminKey.IsLoopback(client) && !Hosting.TrustedProxies.IsUntrustedForward(Request))
        {
            if (AdminKey.IsLoopbackHost(Request.Host))
                return Success(AdminAuth.Role, "loopback");
            AccessRefusal.Set(Context, AccessRefusal.ForeignHost());
        }
        if (AdminAuth.IsAdminApiRequest(Context))
            return AuthenticateResult.NoResult();
        var cookie = await Context.AuthenticateAsync(AdminAuth.CookieScheme);
        return cookie is { Succeeded: true, Principal: { } principal }
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, cookie.Properties, Scheme.Name))
            : AuthenticateResult.NoResult();
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (AccessRefusal.Of(Context) is { } refusal)
        {
            await WriteProblemAsync(refusal);
            return;
        }
        if (!AdminAuth.IsApiRequest(Context))
        {
            RedirectToSignIn();
            return;
        }
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AdminAuth.HeaderName}\"";
        var detail = !AdminAuth.IsAdminApiRequest(Context)
            ? $"This SemanticSearch is private: send the viewer or admin key in the {AdminAuth.HeaderName} header, or sign in."
            : adminKey.IsConfigured
                ? $"Send the admin key in the {AdminAuth.HeaderName} header."
                : "No admin key is configured (SemanticSearch:Admin:ApiKey), so the admin API only answers requests from this machine.";
        await WriteProblemAsync(new AccessRefusal(StatusCodes.Status401Unauthorized, "Credentials required", detail));
    }

    /// <inheritdoc />
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (AccessRefusal.Of(Context) is { } refusal)
            await WriteProblemAsync(refusal);
        else if (!AdminAuth.IsApiRequest(Context))
            RedirectToSignIn();
        else
            await WriteProblemAsync(new AccessRefusal(StatusCodes.Status403Forbidden, "Forbidden", "These credentials do not grant admin access."));
    }

    private void RedirectToSignIn() =>
        Response.Redirect(AdminAuth.SignInPath + QueryString.Create("returnUrl", Request.GetEncodedPathAndQuery()));

    private async Task WriteProblemAsync(AccessRefusal refusal)
    {
        Response.StatusCode = refusal.Status;
        if (refusal.RetryAfter is { } wait)
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Detail },
        });
    }

    private AuthenticateResult Refuse(AccessRefusal refusal)
    {
        AccessRefusal.Set(Context, refusal);
        return AuthenticateResult.NoResult();
    }

    private AuthenticateResult Success(string role, string method)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.AuthenticationMethod, method)],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
