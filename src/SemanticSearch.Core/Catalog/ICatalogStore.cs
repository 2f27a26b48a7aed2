using SemanticSearch.Core.Search;

namespace SemanticSearch.Core.Catalog;

/// <summary>
/// The catalog: the source of truth for sources, images, embeddings and the index checkpoint.
/// Writes are serialised by the store; reads may run concurrently from any thread. Every write that changes images
/// returns the vector index changes it implies: writers go through <see cref="ICatalogWriter"/>, which applies them
/// to the index, rather than calling those writes here. Its read side is <see cref="ICatalogReader"/> and its crawl
/// side <see cref="ICrawlCatalog"/>; what is declared here is what only the storage owner (and source settings) use:
/// source and image writes, the model, and the change stream the vector index recovers from.
/// </summary>
public interface ICatalogStore : ICrawlCatalog, IDisposable
{
    /// <summary>
    /// Stores a source and returns it with its id. The location is written as <see cref="SourceLocation.Normalise"/>
    /// writes it; when a source with the same kind and location exists, its settings are updated instead. A removal
    /// of that location recorded by <see cref="RemoveSource"/> is forgotten (the source was added again on purpose).
    /// </summary>
    CatalogSource AddSource(CatalogSource source);

    /// <summary>
    /// Like <see cref="AddSource"/> for a source listed in the settings, synchronised on every start, except that a
    /// location removed from this catalog stays removed: returns null then and stores nothing.
    /// </summary>
    CatalogSource? AddConfiguredSource(CatalogSource source);

    /// <summary>
    /// Removes a source; its images become deleted tombstones and leave the index, and the removal is remembered (see
    /// <see cref="AddConfiguredSource"/>). Unknown ids change nothing.
    /// </summary>
    CatalogWriteResult RemoveSource(long id);

    /// <summary>
    /// Adopts a model. When it differs (id or dimension) from the stored one, every indexed image becomes Pending
    /// and loses its embedding, and the index checkpoint is cleared, so vectors of two models never mix.
    /// Returns true when the model changed (the vector index must then be emptied; see <c>IVectorIndexStore.EnsureModel</c>).
    /// </summary>
    bool EnsureModel(string modelId, int dimension);

    /// <summary>Stores a batch in one transaction: all of it or nothing (an exception leaves the catalog unchanged).</summary>
    /// <exception cref="ArgumentException">An embedding's length differs from the catalog model's dimension, or no model is set.</exception>
    CatalogWriteResult WriteBatch(CatalogBatch batch);

    /// <summary>The latest change sequence (0 for an empty catalog).</summary>
    long GetSequence();

    /// <summary>
    /// Every image changed after <paramref name="afterSequence"/>, in key order, as vector index changes: indexed images
    /// of the current model with their vector, every other status as a removal. Use 0 to rebuild from scratch
    /// (removals can then be skipped). Streams; dispose the enumerator before writing to the catalog.
    /// </summary>
    IEnumerable<VectorChange> ReadVectorChanges(long afterSequence);

    /// <summary>
    /// The fields search filters test, for every indexed image in id order (or only <paramref name="ids"/>, when
    /// given): what the vector index's in-memory filter is built and updated from. Streams.
    /// </summary>
    IEnumerable<KeyValuePair<long, ImageFilterValues>> ReadFilterValues(IReadOnlyCollection<long>? ids = null);

    /// <summary>What the saved index file contains, or null when none was recorded (or the model changed since).</summary>
    IndexCheckpoint? GetIndexCheckpoint();

    /// <summary>Records what the saved index file contains. Call only after the file is durably in place.</summary>
    void SetIndexCheckpoint(IndexCheckpoint checkpoint);
}
