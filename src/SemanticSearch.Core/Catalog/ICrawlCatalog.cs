namespace SemanticSearch.Core.Catalog;

/// <summary>
/// What an indexing run needs beside the reads: change detection (what is known, what can be reused by content hash)
/// and its entry in the runs log. Image writes go through <see cref="ICatalogWriter"/>.
/// </summary>
public interface ICrawlCatalog : ICatalogReader
{
    /// <summary>Every non-deleted image of a source, keyed by location (ordinal comparison).</summary>
    IReadOnlyDictionary<string, KnownImage> GetKnownImages(long sourceId);

    /// <summary>Indexed images (current model) with this content hash, so a moved or copied file keeps its embedding.</summary>
    IReadOnlyList<CatalogImage> FindIndexedByContentHash(string contentHash);

    /// <summary>Starts an entry in the runs log and returns its id.</summary>
    long StartRun(string mode);

    /// <summary>Completes a runs log entry.</summary>
    void FinishRun(long runId, string outcome, IndexRunCounts counts);

    /// <summary>Records that a run listed these sources to the end now (<see cref="CatalogSource.LastScanned"/>).</summary>
    void MarkSourcesScanned(IReadOnlyCollection<long> sourceIds);
}
