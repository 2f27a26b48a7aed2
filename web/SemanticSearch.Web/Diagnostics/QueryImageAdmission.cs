using Microsoft.Extensions.Options;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using SemanticSearch.Web.Hosting;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// Lets a query image (API upload or UI pick) be decoded only when it is within the upload pixel limit and its decode
/// memory, measured from the header, has been reserved from the shared <see cref="DecodeMemoryBudget"/>. Both checks
/// read the header only, so a flood of huge images costs no decoding. A bounded number of query images are decoded and
/// encoded at once (<see cref="ImagingOptions.MaxConcurrentQueryImages"/>): a small decode buffer still costs seconds of
/// CPU for a huge PNG, so a flood waits briefly and is then refused, instead of every request slowing down together.
/// </summary>
public sealed class QueryImageAdmission(
    IImageDecoder decoder, DecodeMemoryBudget budget, IOptions<WebOptions> web, IOptions<ImagingOptions> imaging)
{
    private readonly SemaphoreSlim _slots = new(imaging.Value.EffectiveMaxConcurrentQueryImages);

    /// <summary>Suggested wait before retrying when the budget is full.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>The decode limits of query images: the upload byte and pixel limits.</summary>
    public DecodeLimits Limits => new() { MaxBytes = web.Value.MaxUploadBytes, MaxPixels = web.Value.MaxUploadPixels };

    /// <summary>
    /// Takes a place among the concurrent query images and reserves the memory to decode <paramref name="data"/> with
    /// sides of at least <paramref name="minShortSide"/>; both within the configured wait, together.
    /// </summary>
    /// <exception cref="ImageDecodeException">Not an image, or over the byte or pixel limit (from the header).</exception>
    /// <exception cref="SearchBusyException">No place or no memory freed up within the configured wait.</exception>
    public async Task<QueryImageLease> EnterAsync(ReadOnlyMemory<byte> data, int minShortSide, CancellationToken cancellationToken)
    {
        long bytes = decoder.MeasureDecodeMemory(data.Span, minShortSide, Limits);
        var wait = TimeSpan.FromMilliseconds(imaging.Value.QueryWaitMilliseconds);
        var started = TimeProvider.System.GetTimestamp();
        if (!await _slots.WaitAsync(wait, cancellationToken))
            throw new SearchBusyException(
                $"The server is already searching with {imaging.Value.EffectiveMaxConcurrentQueryImages} query images; try again in a few seconds.",
                RetryAfter);
        try
        {
            var left = wait - TimeProvider.System.GetElapsedTime(started);
            var memory = await budget.TryAcquireAsync(bytes, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken)
                ?? throw new SearchBusyException(
                    $"The server is decoding too many images right now (its {budget.Capacity / (1024 * 1024)} MB decode budget is in use); try again in a few seconds.",
                    RetryAfter);
            return new QueryImageLease(memory, _slots);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }
}
