using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler.Sources;

/// <summary>
/// One image location found by a source scan. Folders know size and time up front (so unchanged files are skipped
/// without reading them); web images learn them when fetched. A failure found during discovery (broken link,
/// unusable name, robots.txt) travels with the item so it is stored like any other failure.
/// </summary>
internal sealed record DiscoveredItem(long SourceId, SourceKind Kind, string Location)
{
    /// <summary>Size in bytes from the file system; null for web images.</summary>
    public long? Size { get; init; }

    /// <summary>Modification time (UTC, millisecond precision); null for web images.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Set when the item is known to be unusable without reading it.</summary>
    public string? FailureKind { get; init; }

    /// <summary>The readable reason going with <see cref="FailureKind"/>.</summary>
    public string? FailureReason { get; init; }
}
