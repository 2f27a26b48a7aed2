using SemanticSearch.Core.Search;

namespace SemanticSearch.Crawler.Models;

/// <summary>
/// Search on the answering model: takes the model, its index and its search service together for the whole query,
/// inside the <see cref="SearchFlipGate"/>, so a flip never splits a query between two models.
/// </summary>
public sealed class AnsweringSearchService(ModelService service, SearchFlipGate gate) : ISearchService
{
    /// <inheritdoc />
    public async Task<SearchResponse> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        using var entered = await gate.EnterSearchAsync(cancellationToken).ConfigureAwait(false);
        var generation = service.Current
            ?? throw new InvalidOperationException("No embedding model is loaded: " + (service.Problem ?? "it is still loading."));
        return await generation.Search.SearchAsync(query, cancellationToken).ConfigureAwait(false);
    }
}
