using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// A <see cref="VectorIndexStore"/>'s live index as a container hands it out. The store alone frees the index (after
/// its shutdown save); a container disposes whatever its factories return, so it gets this view, whose Dispose does
/// nothing, and the disposal order no longer matters.
/// </summary>
public sealed class BorrowedVectorIndex(TieredVectorIndex index) : IFilteredVectorIndex
{
    /// <inheritdoc />
    public int Dimension => index.Dimension;

    /// <inheritdoc />
    public long Count => index.Count;

    /// <inheritdoc />
    public bool CanFilter => index.CanFilter;

    /// <inheritdoc />
    public bool Contains(long key) => index.Contains(key);

    /// <inheritdoc />
    public void Add(long key, ReadOnlySpan<float> vector) => index.Add(key, vector);

    /// <inheritdoc />
    public bool Remove(long key) => index.Remove(key);

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count) => index.Search(query, count);

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count, SearchFilter filter) =>
        index.Search(query, count, filter);

    /// <inheritdoc />
    public IReadOnlyList<long> MatchingKeys(SearchFilter filter, int max) => index.MatchingKeys(filter, max);

    /// <inheritdoc />
    public void Reset(int dimension) => index.Reset(dimension);

    /// <inheritdoc />
    public void Save(string path) => index.Save(path);

    /// <summary>Does nothing: the store that lent the index frees it.</summary>
    public void Dispose()
    {
    }
}
