using System.Net;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Crawler.Web;

/// <summary>
/// GETs pages and images through the resilient, rate-limited client, stopping the download as soon as it passes the
/// byte limit, and turns every way a request can fail into a <see cref="WebFetchException"/> with a stored kind.
/// </summary>
internal sealed class WebFetcher(IHttpClientFactory clients, IOptions<CrawlerOptions> options)
{
    private readonly CrawlerOptions _options = options.Value;

    public async Task<WebResponse> GetAsync(Uri uri, long maxBytes, DateTimeOffset? ifModifiedSince, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(CrawlerHttp.ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (ifModifiedSince is { } since)
            request.Headers.IfModifiedSince = since;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new WebResponse { NotModified = true, FinalUri = response.RequestMessage?.RequestUri ?? uri };
            if (!response.IsSuccessStatusCode)
                throw new WebFetchException(FailureKinds.HttpError, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} for {uri}.", status: (int)response.StatusCode);
            var declared = response.Content.Headers.ContentLength;
            if (declared > maxBytes)
                throw TooLarge(uri, maxBytes, $"it declares {declared:N0} bytes");
            var bytes = await ReadBodyAsync(uri, response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
            return new WebResponse
            {
                Bytes = bytes,
                MediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(),
                LastModified = response.Content.Headers.LastModified,
                ETag = response.Headers.ETag?.Tag,
                FinalUri = response.RequestMessage?.RequestUri ?? uri,
            };
        }
        catch (WebFetchException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            throw new WebFetchException(FailureKinds.Timeout, $"{uri} did not answer within {_options.HttpTimeoutSeconds:0.##} s (after {_options.HttpRetries} retries).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw ex.StatusCode is { } status
                ? new WebFetchException(FailureKinds.HttpError, $"HTTP {(int)status} for {uri}.", ex, (int)status)
                : new WebFetchException(FailureKinds.Network, $"{uri} could not be fetched: {ex.Message}", ex);
        }
    }

    private async Task<byte[]> ReadBodyAsync(Uri uri, HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        // The resilience timeout ends when headers arrive; a server that trickles the body is bounded here.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.HttpTimeoutSeconds));
        await using var stream = await content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false);
            if (read == 0)
                break;
            if (buffer.Length + read > maxBytes)
                throw TooLarge(uri, maxBytes, "the download passed that size and was stopped");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static WebFetchException TooLarge(Uri uri, long maxBytes, string detail) =>
        new(FailureKinds.From(ImageErrorKind.TooLarge), $"{uri} is larger than the {maxBytes:N0}-byte limit ({detail}).");
}
