using SemanticSearch.Core.Index;

namespace SemanticSearch.Crawler.Models;

/// <summary>The answering model's live index, for readers such as the status; empty while no model answers.</summary>
public sealed class AnsweringVectorIndex(ModelService service) : IVectorIndex
{
    private IVectorIndex? Index => service.Current?.Store.Index;

    /// <inheritdoc />
    public int Dimension => Index?.Dimension ?? 0;

    /// <inheritdoc />
    public long Count
    {
        get
        {
            try
            {
                return Index?.Count ?? 0;
            }
            catch (ObjectDisposedException)
            {
                // Read from an index a flip just replaced: the new one answers.
                return Index?.Count ?? 0;
            }
        }
    }

    /// <inheritdoc />
    public bool Contains(long key) => Index?.Contains(key) ?? false;

    /// <inheritdoc />
    public void Add(long key, ReadOnlySpan<float> vector) => Required.Add(key, vector);

    /// <inheritdoc />
    public bool Remove(long key) => Index?.Remove(key) ?? false;

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count) => Index?.Search(query, count) ?? [];

    /// <inheritdoc />
    public void Reset(int dimension) => Required.Reset(dimension);

    /// <inheritdoc />
    public void Save(string path) => Required.Save(path);

    /// <summary>The model service owns (and disposes) the index.</summary>
    public void Dispose()
    {
    }

    private IVectorIndex Required => Index ?? throw new InvalidOperationException("No embedding model is loaded, so there is no index.");
}
