using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>
/// Limits wrong keys (<c>X-Api-Key</c> and the sign-in form) per client address: after
/// <see cref="AccessOptions.FailedAttemptsPerMinute"/> failures in a minute every further attempt is refused, right key
/// or not, until the minute is over. Logs at most one line per client and minute, with the counts since the last one.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptions<AccessOptions> options, ILogger<SignInThrottle> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Clients remembered at most; old windows are dropped beyond this, so a flood of addresses is bounded.</summary>
    private const int MaxClients = 10_000;

    private readonly ConcurrentDictionary<string, AttemptWindow> _clients = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="client"/> must wait before it may try a key again; null when it may now.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        var key = KeyOf(client);
        if (!_clients.TryGetValue(key, out var window))
            return null;
        var now = time.GetUtcNow();
        lock (window)
        {
            if (now - window.Start >= Window || window.Failures < options.Value.FailedAttemptsPerMinute)
                return null;
            window.UnloggedRefusals++;
            LogIfDue(key, window, now);
            return window.Start + Window - now;
        }
    }

    /// <summary>Counts a wrong key from <paramref name="client"/>.</summary>
    public void RecordFailure(IPAddress? client)
    {
        var key = KeyOf(client);
        var now = time.GetUtcNow();
        if (_clients.Count >= MaxClients)
            DropExpired(now);
        var window = _clients.GetOrAdd(key, _ => new AttemptWindow(now));
        lock (window)
        {
            if (now - window.Start >= Window)
            {
                window.Start = now;
                window.Failures = 0;
            }
            window.Failures++;
            window.UnloggedFailures++;
            LogIfDue(key, window, now);
        }
    }

    private void LogIfDue(string client, AttemptWindow window, DateTimeOffset now)
    {
        if (now - window.LastLogged < Window)
            return;
        logger.LogWarning("{Failures} wrong admin/viewer keys and {Refusals} throttled attempts from {RemoteAddress} since the last report",
            window.UnloggedFailures, window.UnloggedRefusals, client);
        window.LastLogged = now;
        window.UnloggedFailures = 0;
        window.UnloggedRefusals = 0;
    }

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var (key, window) in _clients)
        {
            if (now - window.Start >= Window && now - window.LastLogged >= Window)
                _clients.TryRemove(key, out _);
        }
    }

    private static string KeyOf(IPAddress? client) => client?.ToString() ?? "unknown";
}
