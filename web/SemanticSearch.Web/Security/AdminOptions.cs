namespace SemanticSearch.Web.Security;

/// <summary>Admin access (section <c>SemanticSearch:Admin</c>); sessions and throttling are in <see cref="AccessOptions"/>.</summary>
public sealed class AdminOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SemanticSearch:Admin";

    /// <summary>
    /// The admin secret: the <c>X-Api-Key</c> header for API clients and the sign-in key on the admin page.
    /// Empty means admin is reachable from loopback addresses (and a loopback Host) only.
    /// </summary>
    public string? ApiKey { get; set; }
}
