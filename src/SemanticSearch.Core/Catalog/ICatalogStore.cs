using SemanticSearch.Core.Search;

namespace SemanticSearch.Core.Catalog;

/// <summary>
/// The catalog: the source of truth for sources, images, embeddings and the index checkpoint.
/// Writes are serialised by the store; reads may run concurrently from any thread. Every write that changes images
/// returns the vector index changes it implies: writers go through <see cref="ICatalogWriter"/>, which applies them
/// to the index, rather than calling those writes here.
/// </summary>
public interface ICatalogStore : IDisposable
{
    // ---- Sources ----

    /// <summary>Every configured source, by id.</summary>
    IReadOnlyList<CatalogSource> GetSources();

    /// <summary>One source, or null.</summary>
    CatalogSource? GetSource(long id);

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

    // ---- Model ----

    /// <summary>The model the catalog's embeddings come from; null before anything was embedded.</summary>
    CatalogModel? GetModel();

    /// <summary>
    /// Adopts a model. When it differs (id or dimension) from the stored one, every indexed image becomes Pending
    /// and loses its embedding, and the index checkpoint is cleared, so vectors of two models never mix.
    /// Returns true when the model changed (the vector index must then be emptied; see <c>IVectorIndexStore.EnsureModel</c>).
    /// </summary>
    bool EnsureModel(string modelId, int dimension);

    // ---- Change detection (crawler) ----

    /// <summary>Every non-deleted image of a source, keyed by location (ordinal comparison).</summary>
    IReadOnlyDictionary<string, KnownImage> GetKnownImages(long sourceId);

    /// <summary>Indexed images (current model) with this content hash, so a moved or copied file keeps its embedding.</summary>
    IReadOnlyList<CatalogImage> FindIndexedByContentHash(string contentHash);

    /// <summary>Stores a batch in one transaction: all of it or nothing (an exception leaves the catalog unchanged).</summary>
    /// <exception cref="ArgumentException">An embedding's length differs from the catalog model's dimension, or no model is set.</exception>
    CatalogWriteResult WriteBatch(CatalogBatch batch);

    // ---- Reads for search ----

    /// <summary>One image, whatever its status, or null.</summary>
    CatalogImage? GetImage(long id);

    /// <summary>The images among <paramref name="ids"/> that exist, keyed by id.</summary>
    IReadOnlyDictionary<long, CatalogImage> GetImages(IReadOnlyCollection<long> ids);

    /// <summary>The stored embedding of an indexed image, or null.</summary>
    float[]? GetEmbedding(long id);

    /// <summary>The stored embeddings of the indexed images among <paramref name="ids"/>, keyed by id.</summary>
    IReadOnlyDictionary<long, float[]> GetEmbeddings(IReadOnlyCollection<long> ids);

    /// <summary>Ids of indexed images matching <paramref name="filter"/>, at most <paramref name="max"/> of them.</summary>
    IReadOnlyList<long> FindIndexedIds(SearchFilter filter, int max);

    // ---- Vector index recovery ----

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

    // ---- Stats, runs, failures ----

    /// <summary>Counts by status, failures by kind, model and checkpoint.</summary>
    CatalogStats GetStats();

    /// <summary>Starts an entry in the runs log and returns its id.</summary>
    long StartRun(string mode);

    /// <summary>Completes a runs log entry.</summary>
    void FinishRun(long runId, string outcome, IndexRunCounts counts);

    /// <summary>The latest runs, newest first.</summary>
    IReadOnlyList<IndexRun> GetRecentRuns(int limit);

    /// <summary>The most recently updated failed images, newest first.</summary>
    IReadOnlyList<CatalogImage> GetRecentFailures(int limit);

    /// <summary>Folders holding indexed images, most images first, at most <paramref name="max"/>.</summary>
    IReadOnlyList<CatalogFolder> GetFolders(int max);

    /// <summary>Like <see cref="GetRecentFailures(int)"/>, only failures of one kind (as <see cref="CatalogStats.FailuresByKind"/> names it).</summary>
    IReadOnlyList<CatalogImage> GetRecentFailures(int limit, string kind);

    /// <summary>Images per source that are not deleted, by status; sources without images are absent.</summary>
    IReadOnlyDictionary<long, SourceImageCounts> GetSourceImageCounts();

    /// <summary>Records that a run listed these sources to the end now (<see cref="CatalogSource.LastScanned"/>).</summary>
    void MarkSourcesScanned(IReadOnlyCollection<long> sourceIds);
}
