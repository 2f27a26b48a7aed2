namespace SemanticSearch.Core.Catalog;

/// <summary>
/// An image that could not be indexed. Written by (source, location); a previously indexed row loses its vector.
/// It is retried only when its size or modification time changes.
/// </summary>
public sealed record FailedImage
{
    /// <summary>The source the image was found in.</summary>
    public required long SourceId { get; init; }

    /// <summary>Absolute file path or URL; unique within its source.</summary>
    public required string Location { get; init; }

    /// <summary>Size in bytes (0 when unknown).</summary>
    public long Size { get; init; }

    /// <summary>Last modification time as seen during the scan.</summary>
    public DateTimeOffset Modified { get; init; }

    /// <summary>Content hash when the bytes could be read.</summary>
    public string? ContentHash { get; init; }

    /// <summary>A short stable category, e.g. an <c>ImageErrorKind</c> name, "HttpError" or "Timeout".</summary>
    public required string Kind { get; init; }

    /// <summary>A sentence for people.</summary>
    public required string Reason { get; init; }
}
