using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>
/// The signed-in sessions this process knows. A cookie is honoured only while its session is here: signing out removes
/// it (so a copied cookie stops working), and a session unused for <see cref="AccessOptions.SessionHours"/> expires.
/// Kept in memory on purpose: a restart signs everyone out.
/// </summary>
public sealed class SessionRegistry(TimeProvider time, IOptions<AccessOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => TimeSpan.FromHours(options.Value.SessionHours);

    /// <summary>Starts a session and returns its id (random, 128 bits).</summary>
    public string Start()
    {
        var now = time.GetUtcNow();
        foreach (var (id, seen) in _lastSeen)
        {
            if (now - seen >= Lifetime)
                _lastSeen.TryRemove(id, out _);
        }
        var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _lastSeen[session] = now;
        return session;
    }

    /// <summary>True (and the session's idle time restarts) when <paramref name="session"/> is live.</summary>
    public bool Touch(string? session)
    {
        if (session is null || !_lastSeen.TryGetValue(session, out var seen))
            return false;
        var now = time.GetUtcNow();
        if (now - seen >= Lifetime)
        {
            _lastSeen.TryRemove(session, out _);
            return false;
        }
        _lastSeen[session] = now;
        return true;
    }

    /// <summary>True when <paramref name="session"/> is live; does not count as activity (an open page is not).</summary>
    public bool IsLive(string session) =>
        _lastSeen.TryGetValue(session, out var seen) && time.GetUtcNow() - seen < Lifetime;

    /// <summary>Ends <paramref name="session"/>; its cookie is refused from now on.</summary>
    public void Revoke(string? session)
    {
        if (session is not null)
            _lastSeen.TryRemove(session, out _);
    }
}
