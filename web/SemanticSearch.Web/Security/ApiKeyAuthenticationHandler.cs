using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>
/// Authenticates API clients by the <c>X-Api-Key</c> header, and — only when no admin key is configured — any
/// client connecting from a loopback address. Challenges answer 401 problem details on the API and redirect
/// people to the sign-in page elsewhere.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey adminKey,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.TryGetValue(AdminAuth.HeaderName, out var presented))
        {
            if (adminKey.Matches(presented.ToString()))
                return Task.FromResult(Success("api-key"));
            Logger.LogWarning("Refused an admin request from {RemoteAddress}: wrong {Header}",
                Context.Connection.RemoteIpAddress, AdminAuth.HeaderName);
            return Task.FromResult(AuthenticateResult.Fail($"The {AdminAuth.HeaderName} header does not match the admin key."));
        }
        if (!adminKey.IsConfigured && AdminKey.IsLoopback(Context.Connection.RemoteIpAddress))
            return Task.FromResult(Success("loopback"));
        return Task.FromResult(AuthenticateResult.NoResult());
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!AdminAuth.IsApiRequest(Context))
        {
            Response.Redirect(AdminAuth.SignInPath + QueryString.Create("returnUrl", Request.GetEncodedPathAndQuery()));
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AdminAuth.HeaderName}\"";
        var detail = adminKey.IsConfigured
            ? $"Send the admin key in the {AdminAuth.HeaderName} header."
            : "No admin key is configured (SemanticSearch:Admin:ApiKey), so the admin API only answers requests from this machine.";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Admin credentials required", detail);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "These credentials do not grant admin access.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private AuthenticateResult Success(string method)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AdminAuth.Role), new Claim(ClaimTypes.AuthenticationMethod, method)],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
