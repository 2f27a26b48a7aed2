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
}
