using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler;

/// <summary>What one indexing run covers.</summary>
/// <param name="Mode">Incremental (only what changed) or Full (re-embed everything from the originals).</param>
public sealed record CrawlRequest(ReindexMode Mode)
{
    /// <summary>Only these catalog sources; null means every enabled source.</summary>
    public IReadOnlyCollection<long>? SourceIds { get; init; }

    /// <summary>
    /// A watcher's changes: only these paths are looked at (paths that no longer exist mark their images deleted).
    /// Null for a scan of whole sources.
    /// </summary>
    public IReadOnlyList<FolderChanges>? Changes { get; init; }

    /// <summary>Images that failed before are tried again even when their file did not change ("retry failed").</summary>
    public bool RetryFailed { get; init; }

    /// <summary>With <see cref="RetryFailed"/>: only failures of this kind; null for every kind.</summary>
    public string? RetryKind { get; init; }

    /// <summary>True when this request tries the failed image <paramref name="row"/> again.</summary>
    public bool Retries(KnownImage row) =>
        RetryFailed && (RetryKind is null || string.Equals(RetryKind, row.FailureKind ?? "Unknown", StringComparison.Ordinal));

    /// <summary>A short description for logs and the runs log.</summary>
    public string Describe() => Changes is { Count: > 0 }
        ? $"watch ({Changes.Sum(c => c.Paths.Count)} changed paths)"
        : Mode == ReindexMode.Full ? "full" : RetryFailed ? "retry failed" : "incremental";
}
