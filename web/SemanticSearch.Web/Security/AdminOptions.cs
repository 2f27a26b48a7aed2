using System.ComponentModel.DataAnnotations;

namespace SemanticSearch.Web.Security;

/// <summary>Admin access (section <c>SemanticSearch:Admin</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SemanticSearch:Admin";

    /// <summary>
    /// The admin secret: the <c>X-Api-Key</c> header for API clients and the sign-in key on the admin page.
    /// Empty means admin is reachable from loopback addresses only.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How long a signed-in admin session lasts without activity.</summary>
    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 8;
}
