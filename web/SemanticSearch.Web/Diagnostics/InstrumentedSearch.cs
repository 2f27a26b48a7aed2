using System.Diagnostics;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// The one way the API and the UI run searches: checks the model is there, calls <see cref="ISearchService"/>, and
/// records metrics and structured logs.
/// </summary>
public sealed class InstrumentedSearch(
    ISearchService search,
    IImageEmbedder embedder,
    ModelAvailability model,
    QueryImageAdmission admission,
    SearchMetrics metrics,
    ILogger<InstrumentedSearch> logger)
{
    /// <summary>Runs <paramref name="query"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="kind">text, image or similar (a metrics tag).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <exception cref="SearchUnavailableException">The model is missing.</exception>
    /// <exception cref="SearchQueryException">The query is invalid or names an unknown image.</exception>
    /// <exception cref="ImageDecodeException">The query image cannot be decoded, or is over the upload limits.</exception>
    /// <exception cref="SearchBusyException">The query image's decode memory could not be reserved in time.</exception>
    public async Task<SearchResponse> SearchAsync(SearchQuery query, string kind, CancellationToken cancellationToken = default)
    {
        var state = await model.CurrentAsync(cancellationToken);
        if (!state.Available)
        {
            metrics.Record(kind, "unavailable", TimeSpan.Zero);
            throw new SearchUnavailableException(state.Problem ?? "The embedding model is not loaded.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            // Held until the search returns: the decoded pixels (at the embedder's decode side) live until the tensor is made.
            using var lease = query.Image is { } image
                ? await admission.EnterAsync(image, embedder.DecodeSide, cancellationToken)
                : null;
            var response = await search.SearchAsync(query, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Record(kind, "ok", elapsed);
            logger.LogDebug("{Kind} search returned {Count} results in {ElapsedMs:0.0} ms", kind, response.Results.Count, elapsed.TotalMilliseconds);
            return response;
        }
        catch (Exception e) when (e is SearchQueryException or ImageDecodeException)
        {
            metrics.Record(kind, "rejected", Stopwatch.GetElapsedTime(started));
            logger.LogInformation("{Kind} search rejected: {Reason}", kind, e.Message);
            throw;
        }
        catch (SearchBusyException e)
        {
            metrics.Record(kind, "busy", Stopwatch.GetElapsedTime(started));
            logger.LogWarning("{Kind} search refused: {Reason}", kind, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            metrics.Record(kind, "cancelled", Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (Exception e)
        {
            metrics.Record(kind, "error", Stopwatch.GetElapsedTime(started));
            logger.LogError(e, "{Kind} search failed", kind);
            throw;
        }
    }
}
