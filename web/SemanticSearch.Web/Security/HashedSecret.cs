using System.Security.Cryptography;
using System.Text;

namespace SemanticSearch.Web.Security;

/// <summary>
/// A configured secret kept only as a SHA-256 hash. Candidates are hashed too, so the comparison is constant-time and
/// independent of the secret's length.
/// </summary>
public sealed class HashedSecret
{
    private readonly byte[]? _hash;

    /// <summary>Hashes <paramref name="secret"/>; empty or null means "not configured".</summary>
    public HashedSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
            return;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        // A second hash identifies the secret in session cookies without revealing the first.
        Fingerprint = Convert.ToHexString(SHA256.HashData(_hash), 0, 8);
    }

    /// <summary>True when a secret is configured.</summary>
    public bool IsConfigured => _hash is not null;

    /// <summary>Short, non-secret id of the secret; sessions signed in with an older secret are refused.</summary>
    public string? Fingerprint { get; }

    /// <summary>Compares <paramref name="candidate"/> with the secret in constant time.</summary>
    public bool Matches(string? candidate)
    {
        if (_hash is null || string.IsNullOrEmpty(candidate))
            return false;
        var candidateHash = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        return CryptographicOperations.FixedTimeEquals(candidateHash, _hash);
    }
}
