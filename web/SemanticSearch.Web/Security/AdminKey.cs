using System.Net;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>The configured admin secret (<see cref="AdminOptions.ApiKey"/>), kept only as a hash.</summary>
public sealed class AdminKey(IOptions<AdminOptions> options)
{
    private readonly HashedSecret _secret = new(options.Value.ApiKey);

    /// <summary>True when a secret is configured; otherwise admin is limited to loopback clients.</summary>
    public bool IsConfigured => _secret.IsConfigured;

    /// <summary>Short, non-secret id of the configured key; sessions signed in with an older key are refused.</summary>
    public string? Fingerprint => _secret.Fingerprint;

    /// <summary>Compares <paramref name="candidate"/> with the secret in constant time.</summary>
    public bool Matches(string? candidate) => _secret.Matches(candidate);

    /// <summary>Whether a client at <paramref name="address"/> is on this machine.</summary>
    public static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    /// <summary>
    /// Whether the request was addressed to this machine by name (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>, any
    /// port). A loopback client with another Host is a browser that resolved a foreign name to 127.0.0.1 (DNS rebinding).
    /// </summary>
    public static bool IsLoopbackHost(HostString host) =>
        host.Host.ToLowerInvariant() is "localhost" or "127.0.0.1" or "[::1]";
}
