using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>
/// The configured admin secret, kept only as a SHA-256 hash. Candidates are hashed too, so the comparison is
/// constant-time and independent of the secret's length.
/// </summary>
public sealed class AdminKey
{
    private readonly byte[]? _hash;

    /// <summary>Hashes the key from <see cref="AdminOptions.ApiKey"/> (if any).</summary>
    public AdminKey(IOptions<AdminOptions> options)
    {
        var key = options.Value.ApiKey;
        if (!string.IsNullOrEmpty(key))
        {
            _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            // A second hash identifies the key in session cookies without revealing the first.
            Fingerprint = Convert.ToHexString(SHA256.HashData(_hash), 0, 8);
        }
    }

    /// <summary>True when a secret is configured; otherwise admin is limited to loopback clients.</summary>
    public bool IsConfigured => _hash is not null;

    /// <summary>Short, non-secret id of the configured key; sessions signed in with an older key are refused.</summary>
    public string? Fingerprint { get; }

    /// <summary>Compares <paramref name="candidate"/> with the secret in constant time.</summary>
    public bool Matches(string? candidate)
    {
        if (_hash is null || string.IsNullOrEmpty(candidate))
            return false;
        var candidateHash = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        return CryptographicOperations.FixedTimeEquals(candidateHash, _hash);
    }

    /// <summary>Whether a client at <paramref name="address"/> is on this machine.</summary>
    public static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
