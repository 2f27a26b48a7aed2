namespace SemanticSearch.Crawler.Web;

/// <summary>Applies the per-host rate limit to every attempt (it sits inside the retry handler).</summary>
internal sealed class HostRateLimitHandler(HostRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = request.RequestUri is { } uri ? await limiter.AcquireAsync(uri, cancellationToken).ConfigureAwait(false) : null;
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
