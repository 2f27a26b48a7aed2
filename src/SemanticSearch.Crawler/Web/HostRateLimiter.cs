using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Crawler.Web;

/// <summary>
/// One token bucket per web host, shared by every request of the process, so a crawl never sends a host more than
/// <see cref="CrawlerOptions.PerHostRequestsPerSecond"/> requests per second however many workers fetch.
/// </summary>
internal sealed class HostRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Uri>? _limiter;

    public HostRateLimiter(IOptions<CrawlerOptions> options)
    {
        var perSecond = options.Value.PerHostRequestsPerSecond;
        if (perSecond <= 0)
            return;
        // Whole tokens per period: r >= 1 allows a burst of r per second, r < 1 one request every 1/r seconds.
        var tokens = Math.Max(1, (int)Math.Floor(perSecond));
        var period = TimeSpan.FromSeconds(tokens / perSecond);
        _limiter = PartitionedRateLimiter.Create<Uri, string>(uri => RateLimitPartition.GetTokenBucketLimiter(
            CrawlerHttp.HostKey(uri),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = tokens,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Waits until a request to <paramref name="uri"/>'s host may be sent.</summary>
    public async ValueTask<IDisposable?> AcquireAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (_limiter is null)
            return null;
        var lease = await _limiter.AcquireAsync(uri, 1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"The rate limiter refused a request to {uri.Host}.");
        }
        return lease;
    }

    public void Dispose() => _limiter?.Dispose();
}
