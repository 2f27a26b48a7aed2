using SemanticSearch.Core.Search;

namespace SemanticSearch.Core.Catalog;

/// <summary>
/// The catalog as search, the pages and the status see it: reads only, safe from any thread beside the writer.
/// Depending on this rather than <see cref="ICatalogStore"/> says a component cannot change what is stored.
/// </summary>
public interface ICatalogReader
{
    /// <summary>Every configured source, by id.</summary>
    IReadOnlyList<CatalogSource> GetSources();

    /// <summary>One source, or null.</summary>
    CatalogSource? GetSource(long id);

    /// <summary>The model the catalog's embeddings come from; null before anything was embedded.</summary>
    CatalogModel? GetModel();

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

    /// <summary>Counts by status, failures by kind, model and checkpoint.</summary>
    CatalogStats GetStats();

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
}
