using System.Threading.RateLimiting;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// What the rate-limiting middleware's search policy hands out per client: a view of that client's bucket in
/// <see cref="SearchAdmission"/>, so API calls and page searches draw from the same tokens. The middleware disposes
/// idle partitions; that must not dispose the shared bucket, so this view owns nothing.
/// </summary>
internal sealed class SearchAdmissionLimiter(SearchAdmission admission, string client, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => null;

    // The middleware always asks for one permit: one request is one search.

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return admission.AttemptAcquire(client);
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return admission.AcquireAsync(client, cancellationToken);
    }
}
