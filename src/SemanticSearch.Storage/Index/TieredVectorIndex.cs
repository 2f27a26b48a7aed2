using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// The HNSW index plus, while the collection is small, an exact mirror that answers searches: brute force over a
/// few thousand vectors takes microseconds and is never wrong. Once the collection grows past the threshold the
/// mirror is dropped (it is rebuilt at the next start if the collection shrank). The HNSW side always holds
/// everything and is what gets saved. With filter columns attached, filtered searches apply the filter inside
/// whichever tier answers.
/// </summary>
public sealed class TieredVectorIndex : IFilteredVectorIndex
{
    private readonly int _exactBelow;
    private volatile ExactVectorIndex? _exact;

    /// <summary>Wraps <paramref name="hnsw"/>; searches are exact while it holds at most <paramref name="exactBelow"/> vectors.</summary>
    public TieredVectorIndex(UsearchVectorIndex hnsw, int exactBelow)
    {
        ArgumentNullException.ThrowIfNull(hnsw);
        ArgumentOutOfRangeException.ThrowIfNegative(exactBelow);
        Hnsw = hnsw;
        _exactBelow = exactBelow;
        if (exactBelow > 0 && hnsw.Count == 0)
            _exact = new ExactVectorIndex(hnsw.Dimension);
    }

    /// <summary>The HNSW index underneath.</summary>
    public UsearchVectorIndex Hnsw { get; }

    /// <summary>The per-image filter fields of the store that owns this index; null: filtered searches are refused.</summary>
    public ImageFilterColumns? Filters { get; internal set; }

    /// <inheritdoc />
    public bool CanFilter => Filters is not null;

    /// <summary>True while searches are answered by the exact mirror.</summary>
    public bool IsExact => _exact is not null;

    /// <inheritdoc />
    public int Dimension => Hnsw.Dimension;

    /// <inheritdoc />
    public long Count => Hnsw.Count;

    /// <inheritdoc />
    public bool Contains(long key) => Hnsw.Contains(key);

    /// <inheritdoc />
    public void Add(long key, ReadOnlySpan<float> vector)
    {
        Hnsw.Add(key, vector);
        var exact = _exact;
        if (exact is null)
            return;
        if (!exact.Contains(key) && exact.Count >= _exactBelow)
        {
            _exact = null; // grown past the threshold: HNSW from now on
            exact.Dispose();
            return;
        }
        exact.Add(key, vector);
    }

    /// <inheritdoc />
    public bool Remove(long key)
    {
        _exact?.Remove(key);
        return Hnsw.Remove(key);
    }

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count) =>
        _exact is { } exact ? exact.Search(query, count) : Hnsw.Search(query, count);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">No filter columns are attached (<see cref="CanFilter"/> is false).</exception>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count, SearchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var filters = Filters ?? throw new InvalidOperationException("This index has no filter columns.");
        var accepted = filters.Compile(filter);
        return _exact is { } exact ? exact.Search(query, count, accepted) : Hnsw.Search(query, count, accepted);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">No filter columns are attached (<see cref="CanFilter"/> is false).</exception>
    public IReadOnlyList<long> MatchingKeys(SearchFilter filter, int max)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var filters = Filters ?? throw new InvalidOperationException("This index has no filter columns.");
        return filters.Compile(filter).MatchingKeys(max);
    }

    /// <summary>
    /// Fills the exact mirror from the full set of vectors (after loading a saved file, which holds only the HNSW
    /// side). Does nothing when the collection is over the threshold.
    /// </summary>
    public void SeedExact(IEnumerable<KeyValuePair<long, float[]>> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (_exactBelow == 0 || Hnsw.Count > _exactBelow)
            return;
        var exact = new ExactVectorIndex(Hnsw.Dimension);
        foreach (var (key, vector) in vectors)
            exact.Add(key, vector);
        var previous = _exact;
        _exact = exact;
        previous?.Dispose();
    }

    /// <inheritdoc />
    public void Reset(int dimension)
    {
        Hnsw.Reset(dimension);
        var previous = _exact;
        _exact = _exactBelow > 0 ? new ExactVectorIndex(dimension) : null;
        previous?.Dispose();
    }

    /// <inheritdoc />
    public void Save(string path) => Hnsw.Save(path);

    /// <summary>
    /// Frees both tiers. Inside a <see cref="VectorIndexStore"/> only the store calls this, after its shutdown save;
    /// others get the index through <see cref="BorrowedVectorIndex"/>.
    /// </summary>
    public void Dispose()
    {
        _exact?.Dispose();
        Hnsw.Dispose();
    }
}
