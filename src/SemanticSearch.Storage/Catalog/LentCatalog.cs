using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// The catalog's read and crawl sides as a container hands them out. Not disposable on purpose: a container disposes
/// whatever its factories return, and one resolved late would close the catalog before the vector index store's
/// shutdown save records its checkpoint. Only the <see cref="ICatalogStore"/> registration closes the catalog.
/// </summary>
public sealed class LentCatalog(ICatalogStore catalog) : ICrawlCatalog
{
    /// <inheritdoc />
    public IReadOnlyList<CatalogSource> GetSources() => catalog.GetSources();

    /// <inheritdoc />
    public CatalogSource? GetSource(long id) => catalog.GetSource(id);

    /// <inheritdoc />
    public CatalogModel? GetModel() => catalog.GetModel();

    /// <inheritdoc />
    public CatalogImage? GetImage(long id) => catalog.GetImage(id);

    /// <inheritdoc />
    public IReadOnlyDictionary<long, CatalogImage> GetImages(IReadOnlyCollection<long> ids) => catalog.GetImages(ids);

    /// <inheritdoc />
    public float[]? GetEmbedding(long id) => catalog.GetEmbedding(id);

    /// <inheritdoc />
    public IReadOnlyDictionary<long, float[]> GetEmbeddings(IReadOnlyCollection<long> ids) => catalog.GetEmbeddings(ids);

    /// <inheritdoc />
    public IReadOnlyList<long> FindIndexedIds(SearchFilter filter, int max) => catalog.FindIndexedIds(filter, max);

    /// <inheritdoc />
    public CatalogStats GetStats() => catalog.GetStats();

    /// <inheritdoc />
    public IReadOnlyList<IndexRun> GetRecentRuns(int limit) => catalog.GetRecentRuns(limit);

    /// <inheritdoc />
    public IReadOnlyList<CatalogImage> GetRecentFailures(int limit) => catalog.GetRecentFailures(limit);

    /// <inheritdoc />
    public IReadOnlyList<CatalogImage> GetRecentFailures(int limit, string kind) => catalog.GetRecentFailures(limit, kind);

    /// <inheritdoc />
    public IReadOnlyList<CatalogFolder> GetFolders(int max) => catalog.GetFolders(max);

    /// <inheritdoc />
    public IReadOnlyDictionary<long, SourceImageCounts> GetSourceImageCounts() => catalog.GetSourceImageCounts();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, KnownImage> GetKnownImages(long sourceId) => catalog.GetKnownImages(sourceId);

    /// <inheritdoc />
    public IReadOnlyList<CatalogImage> FindIndexedByContentHash(string contentHash) => catalog.FindIndexedByContentHash(contentHash);

    /// <inheritdoc />
    public long StartRun(string mode) => catalog.StartRun(mode);

    /// <inheritdoc />
    public void FinishRun(long runId, string outcome, IndexRunCounts counts) => catalog.FinishRun(runId, outcome, counts);

    /// <inheritdoc />
    public void MarkSourcesScanned(IReadOnlyCollection<long> sourceIds) => catalog.MarkSourcesScanned(sourceIds);
}
