using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace SemanticSearch.Web.Security;

/// <summary>
/// Signs a person in with the key typed on the sign-in page: the admin key makes an admin session, the viewer key a
/// viewer session. Wrong keys count against the client's address in <see cref="SignInThrottle"/>.
/// </summary>
public sealed class KeySignIn(AdminKey adminKey, ViewerKey viewerKey, SignInThrottle throttle, SessionRegistry sessions, ILogger<KeySignIn> logger)
{
    /// <summary>
    /// Null when signed in; otherwise what to tell the person. A throttled address gets 429 with Retry-After and
    /// <paramref name="waitMessage"/>; its key is not even compared.
    /// </summary>
    public async Task<string?> SignInAsync(HttpContext http, string? key, Func<TimeSpan, string> waitMessage)
    {
        var client = http.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client) is { } wait)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return waitMessage(wait);
        }
        var (role, fingerprint) = adminKey.Matches(key) ? (AdminAuth.Role, adminKey.Fingerprint)
            : viewerKey.Matches(key) ? (AdminAuth.ViewerRole, viewerKey.Fingerprint)
            : (null, null);
        if (role is null)
        {
            throttle.RecordFailure(client);
            return "That key is not right.";
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, role),
                new Claim(ClaimTypes.Role, role),
                new Claim(AdminAuth.KeyClaim, fingerprint!),
                new Claim(AdminAuth.SessionClaim, sessions.Start()),
            ],
            AdminAuth.CookieScheme);
        await http.SignInAsync(AdminAuth.CookieScheme, new ClaimsPrincipal(identity));
        logger.LogInformation("{Role} signed in from {RemoteAddress}", role, client);
        return null;
    }
}
