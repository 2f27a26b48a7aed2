namespace SemanticSearch.Core.Index;

/// <summary>
/// Nearest-neighbour search over normalised vectors by cosine similarity. Keys are catalog image ids.
/// Implementations allow concurrent searches alongside a single writer.
/// </summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>Length of every vector; 0 while no model was adopted.</summary>
    int Dimension { get; }

    /// <summary>Number of vectors.</summary>
    long Count { get; }

    /// <summary>True when the key has a vector.</summary>
    bool Contains(long key);

    /// <summary>Adds a vector, replacing any vector already stored under the key.</summary>
    /// <exception cref="ArgumentException">The vector's length differs from <see cref="Dimension"/>.</exception>
    void Add(long key, ReadOnlySpan<float> vector);

    /// <summary>Removes a key; false when it was absent.</summary>
    bool Remove(long key);

    /// <summary>The <paramref name="count"/> nearest vectors, best (highest cosine) first.</summary>
    IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count);

    /// <summary>Removes every vector and adopts <paramref name="dimension"/> (a model change).</summary>
    void Reset(int dimension);

    /// <summary>Writes the index to <paramref name="path"/> atomically (temp file, fsync, rename).</summary>
    void Save(string path);
}
