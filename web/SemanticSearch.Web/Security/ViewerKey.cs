using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>The configured viewer secret (<see cref="AccessOptions.ViewerKey"/>), kept only as a hash.</summary>
public sealed class ViewerKey(IOptions<AccessOptions> options)
{
    private readonly HashedSecret _secret = new(options.Value.ViewerKey);

    /// <summary>True when a viewer key is configured.</summary>
    public bool IsConfigured => _secret.IsConfigured;

    /// <summary>Short, non-secret id of the key, stored in viewer sessions.</summary>
    public string? Fingerprint => _secret.Fingerprint;

    /// <summary>Compares <paramref name="candidate"/> with the secret in constant time.</summary>
    public bool Matches(string? candidate) => _secret.Matches(candidate);
}
