using System.Security.Claims;

namespace SemanticSearch.Web.Security;

/// <summary>The rate limiter's partition of a request: its client address, and its signed-in session or user.</summary>
public static class ClientPartition
{
    /// <summary>"203.0.113.5" for anonymous clients; "203.0.113.5 session:…" or "… admin" for signed-in ones.</summary>
    public static string Of(HttpContext context)
    {
        var address = Hosting.SearchAdmission.ClientOf(context.Connection.RemoteIpAddress);
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
            return address;
        var session = user.FindFirst(AdminAuth.SessionClaim)?.Value;
        return session is not null ? $"{address} session:{session}" : $"{address} {user.FindFirst(ClaimTypes.Role)?.Value}";
    }
}
