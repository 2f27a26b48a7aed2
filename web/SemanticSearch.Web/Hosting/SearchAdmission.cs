using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// The one per-client token bucket every search passes: the HTTP API, the search page while it prerenders, and the
/// search page over its Blazor circuit. Usable outside endpoint routing, so a page cannot be a way around the API's limit.
/// </summary>
public sealed class SearchAdmission : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ILogger<SearchAdmission> _logger;

    /// <summary>Creates the buckets from <see cref="RateLimitingOptions"/>.</summary>
    public SearchAdmission(IOptions<RateLimitingOptions> options, ILogger<SearchAdmission> logger)
    {
        var settings = options.Value;
        _logger = logger;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => settings.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.Burst,
                TokensPerPeriod = settings.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = settings.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                // The partitioned limiter's own heartbeat refills idle buckets: no timer per client address.
                AutoReplenishment = false,
            })
            : RateLimitPartition.GetNoLimiter("off"));
    }

    /// <summary>
    /// Whom a request counts against: its client address, IPv6 clients by their /64 network (one host usually holds
    /// a whole /64, so rotating addresses within it must not buy more searches), and a signed-in session or user.
    /// </summary>
    public static string ClientOf(HttpContext http) => Security.ClientPartition.Of(http);

    /// <summary>The partition of a client <paramref name="address"/> ("unknown" when there is none).</summary>
    public static string ClientOf(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Takes one search from <paramref name="client"/>'s bucket (waiting in the queue if one is configured).</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(string client, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(client, 1, cancellationToken);
        if (!lease.IsAcquired)
            _logger.LogWarning("Search rate limit reached for {Client}", client);
        return lease;
    }

    /// <summary>Takes one search without waiting.</summary>
    public RateLimitLease AttemptAcquire(string client)
    {
        var lease = _limiter.AttemptAcquire(client, 1);
        if (!lease.IsAcquired)
            _logger.LogWarning("Search rate limit reached for {Client}", client);
        return lease;
    }

    /// <summary>Seconds to tell a refused client to wait (Retry-After), at least one.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
