using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace SemanticSearch.Web.Security;

/// <summary>
/// A Blazor circuit keeps the user it connected with; this re-checks the session every few seconds, so a page left open
/// loses its access (and shows the sign-in page) once its session is signed out elsewhere or expires.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, SessionRegistry sessions)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <inheritdoc />
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(IsCurrent(authenticationState.User));

    /// <summary>Key, header and loopback principals carry no session and stay valid for the connection.</summary>
    private bool IsCurrent(ClaimsPrincipal user) =>
        user.FindFirst(AdminAuth.SessionClaim)?.Value is not { } session || sessions.IsLive(session);
}
