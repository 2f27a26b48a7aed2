namespace SemanticSearch.Core.Search;

/// <summary>Answers text, image and "more like this" queries over the catalog and vector index.</summary>
public interface ISearchService
{
    /// <exception cref="SearchQueryException">The query is empty, malformed, too long, or names an unknown image.</exception>
    /// <exception cref="Imaging.ImageDecodeException">The query image cannot be decoded.</exception>
    Task<SearchResponse> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);
}
