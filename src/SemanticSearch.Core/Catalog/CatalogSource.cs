namespace SemanticSearch.Core.Catalog;

/// <summary>A configured place to find images. <see cref="Id"/> is assigned by the catalog.</summary>
public sealed record CatalogSource
{
    /// <summary>Catalog id; 0 for a source that is not stored yet.</summary>
    public long Id { get; init; }

    /// <summary>Folder or web.</summary>
    public required SourceKind Kind { get; init; }

    /// <summary>Absolute folder path, or the URL of a start page or image list.</summary>
    public required string Location { get; init; }

    /// <summary>Glob patterns (Microsoft.Extensions.FileSystemGlobbing) a file must match; empty means every image.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Glob patterns that exclude files even when included.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Folders only: watch for changes with a FileSystemWatcher.</summary>
    public bool Watch { get; init; }

    /// <summary>Web only: how many links deep to follow from the start page (0 = the page itself).</summary>
    public int MaxDepth { get; init; }

    /// <summary>Disabled sources are kept but not scanned.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>When the source was first added (set by the catalog).</summary>
    public DateTimeOffset Added { get; init; }

    /// <summary>When a run last listed the whole source to the end (set by the catalog); null before the first.</summary>
    public DateTimeOffset? LastScanned { get; init; }
}
