using Microsoft.Extensions.Options;
using SemanticSearch.Crawler.Web;

namespace SemanticSearch.Crawler.Tests.Web;

public sealed class HostRateLimiterTests
{
    [Fact]
    public async Task Requests_beyond_the_rate_wait_per_host_and_other_hosts_are_not_held_back()
    {
        using var limiter = new HostRateLimiter(Options.Create(new CrawlerOptions { PerHostRequestsPerSecond = 3 }));
        var host = new Uri("http://127.0.0.1:5001/a.png");
        var leases = new List<IDisposable?>();
        for (var i = 0; i < 3; i++)
            leases.Add(await limiter.AcquireAsync(host, CancellationToken.None)); // The burst of one second.

        var fourth = limiter.AcquireAsync(host, CancellationToken.None).AsTask();
        var otherHost = limiter.AcquireAsync(new Uri("http://127.0.0.2:5001/b.png"), CancellationToken.None).AsTask();

        Assert.True(otherHost.IsCompletedSuccessfully);
        Assert.False(fourth.IsCompleted);
        leases.Add(await fourth.WaitAsync(TimeSpan.FromSeconds(10)));
        foreach (var lease in leases)
            lease?.Dispose();
    }

    [Fact]
    public async Task Zero_means_no_limit()
    {
        using var limiter = new HostRateLimiter(Options.Create(new CrawlerOptions { PerHostRequestsPerSecond = 0 }));
        for (var i = 0; i < 100; i++)
            Assert.Null(await limiter.AcquireAsync(new Uri("http://127.0.0.1/x"), CancellationToken.None));
    }
}
