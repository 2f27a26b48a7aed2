using System.Collections.Concurrent;
using System.Text;

namespace SemanticSearch.Crawler.Web;

/// <summary>robots.txt per host, fetched once per run (a new run sees edits to it).</summary>
internal sealed class RobotsCache(WebFetcher fetcher, string userAgent)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsRules>>> _hosts = new(StringComparer.Ordinal);

    public async Task<bool> IsAllowedAsync(Uri uri, CancellationToken cancellationToken)
    {
        var key = CrawlerHttp.HostKey(uri);
        var rules = await _hosts.GetOrAdd(key, k => new Lazy<Task<RobotsRules>>(() => FetchAsync(new Uri(k + "/robots.txt"), cancellationToken))).Value.ConfigureAwait(false);
        return rules.IsAllowed(uri.PathAndQuery);
    }

    private async Task<RobotsRules> FetchAsync(Uri robotsUri, CancellationToken cancellationToken)
    {
        try
        {
            var response = await fetcher.GetAsync(robotsUri, CrawlerHttp.MaxRobotsBytes, null, cancellationToken).ConfigureAwait(false);
            return RobotsRules.Parse(Encoding.UTF8.GetString(response.Bytes), userAgent);
        }
        catch (WebFetchException ex) when (ex.Status is >= 400 and < 500)
        {
            return RobotsRules.AllowAll; // No robots.txt: no restrictions (RFC 9309 §2.3.1.3).
        }
        catch (WebFetchException)
        {
            return RobotsRules.DisallowAll; // Unreachable robots.txt: assume complete disallow (RFC 9309 §2.3.1.4).
        }
    }
}
