using SemanticSearch.Core.Search;

namespace SemanticSearch.Core.Index;

/// <summary>
/// A vector index that applies a search filter while it searches (the filter is checked per candidate during the
/// graph walk), so a filtered query walks the graph once instead of over-fetching and discarding.
/// </summary>
public interface IFilteredVectorIndex : IVectorIndex
{
    /// <summary>False when the index has no per-image filter data (then filter the results instead).</summary>
    bool CanFilter { get; }

    /// <summary>The <paramref name="count"/> nearest vectors among the images that <paramref name="filter"/> matches.</summary>
    IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count, SearchFilter filter);

    /// <summary>
    /// Ids of the indexed images <paramref name="filter"/> matches, in id order, stopping after <paramref name="max"/>;
    /// read from the index's own filter data, so a small filtered set is found without a catalog scan.
    /// </summary>
    IReadOnlyList<long> MatchingKeys(SearchFilter filter, int max);
}
