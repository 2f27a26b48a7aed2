using System.Runtime.CompilerServices;
using System.Text;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Web;

/// <summary>
/// Discovers the images of a web source. Its location is a start page (crawled breadth-first within the same host
/// up to MaxDepth links), a plain-text list of image URLs (one per line), or a single image URL. robots.txt is
/// honoured for pages and images; a disallowed image is returned with its failure so people see why it is missing.
/// </summary>
internal sealed class WebScanner(WebFetcher fetcher, CrawlerOptions options)
{
    public async IAsyncEnumerable<DiscoveredItem> ScanAsync(
        CatalogSource source, RobotsCache robots, DiscoveryReport report, [EnumeratorCancellation] CancellationToken ct)
    {
        if (!Uri.TryCreate(source.Location, UriKind.Absolute, out var start))
        {
            report.Unavailable(source.Location, FailureKinds.Network, $"'{source.Location}' is not an absolute URL.");
            yield break;
        }
        var seenImages = new HashSet<Uri>();
        if (HtmlLinkExtractor.IsImagePath(start))
        {
            yield return await ImageItemAsync(source, start, robots, ct).ConfigureAwait(false);
            yield break;
        }

        var visited = new HashSet<Uri> { start };
        var queue = new Queue<(Uri Page, int Depth)>();
        queue.Enqueue((start, 0));
        var fetched = 0;
        while (queue.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (page, depth) = queue.Dequeue();
            if (fetched >= options.MaxPagesPerSource)
            {
                report.Unavailable(page.AbsoluteUri, "PageLimit", $"Stopped after {options.MaxPagesPerSource} pages (MaxPagesPerSource); the rest of {start.Host} was not crawled.");
                break;
            }
            if (!await robots.IsAllowedAsync(page, ct).ConfigureAwait(false))
            {
                report.Issue(page.AbsoluteUri, FailureKinds.Disallowed, $"robots.txt of {page.Host} disallows {page.AbsolutePath}; page not crawled.");
                continue;
            }
            fetched++;
            var (links, failure) = await FetchPageAsync(page, ct).ConfigureAwait(false);
            if (failure is not null)
            {
                // Images only reachable through this page are unknown now: nothing of the source is deleted.
                report.Unavailable(page.AbsoluteUri, failure.Kind, failure.Message);
                continue;
            }
            foreach (var image in links!.Images)
            {
                if (seenImages.Add(image))
                    yield return await ImageItemAsync(source, image, robots, ct).ConfigureAwait(false);
            }
            if (depth >= source.MaxDepth)
                continue;
            foreach (var next in links.Pages)
            {
                if (CrawlerHttp.HostKey(next) == CrawlerHttp.HostKey(start) && visited.Add(next))
                    queue.Enqueue((next, depth + 1));
            }
        }
    }

    private async Task<(PageLinks? Links, WebFetchException? Failure)> FetchPageAsync(Uri page, CancellationToken ct)
    {
        try
        {
            var response = await fetcher.GetAsync(page, CrawlerHttp.MaxPageBytes, null, ct).ConfigureAwait(false);
            var at = response.FinalUri ?? page;
            if (response.MediaType is "text/plain" || (response.MediaType is null && page.AbsolutePath.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)))
                return (new PageLinks(ParseUrlList(response.Bytes, at), []), null);
            if (response.MediaType is "text/html" or "application/xhtml+xml" or null)
                return (HtmlLinkExtractor.Extract(response.Bytes, at), null);
            // Anything else is taken for an image; the decoder, not the header, decides what it really is.
            return (new PageLinks([page], []), null);
        }
        catch (WebFetchException ex)
        {
            return (null, ex);
        }
    }

    private static List<Uri> ParseUrlList(byte[] bytes, Uri listUri)
    {
        var urls = new List<Uri>();
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            if (Uri.TryCreate(listUri, text, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                urls.Add(uri);
        }
        return urls;
    }

    private static async Task<DiscoveredItem> ImageItemAsync(CatalogSource source, Uri image, RobotsCache robots, CancellationToken ct)
    {
        var item = new DiscoveredItem(source.Id, SourceKind.Web, image.AbsoluteUri);
        return await robots.IsAllowedAsync(image, ct).ConfigureAwait(false)
            ? item
            : item with
            {
                FailureKind = FailureKinds.Disallowed,
                FailureReason = $"robots.txt of {image.Host} disallows {image.AbsolutePath}; not downloaded.",
            };
    }
}
