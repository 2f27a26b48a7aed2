using System.ComponentModel.DataAnnotations;

namespace SemanticSearch.Web.Security;

/// <summary>Viewing access, sessions and sign-in throttling (section <c>SemanticSearch:Access</c>).</summary>
public sealed class AccessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SemanticSearch:Access";

    /// <summary><see cref="AccessMode.Public"/> (default) or <see cref="AccessMode.Private"/>.</summary>
    [EnumDataType(typeof(AccessMode))]
    public AccessMode Mode { get; set; } = AccessMode.Public;

    /// <summary>
    /// The viewer secret: signs people in on the sign-in page or is sent as <c>X-Api-Key</c>; grants viewing only.
    /// The admin key grants viewing too.
    /// </summary>
    public string? ViewerKey { get; set; }

    /// <summary>How long a signed-in session lasts without activity (sliding).</summary>
    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 8;

    /// <summary>Wrong keys and sign-ins a client address may make per minute before it gets 429.</summary>
    [Range(1, 10_000)]
    public int FailedAttemptsPerMinute { get; set; } = 10;
}
