namespace SemanticSearch.Core.Catalog;

/// <summary>One image as the catalog knows it (the read model shared by search, CLI and web).</summary>
/// <param name="Location">Absolute file path or URL.</param>
/// <param name="ThumbnailPath">Path of the thumbnail relative to the data folder, when one was written.</param>
public sealed record CatalogImage(
    long Id,
    long SourceId,
    string Location,
    long Size,
    DateTimeOffset Modified,
    string? ContentHash,
    int Width,
    int Height,
    string? Format,
    DateTimeOffset? DateTaken,
    string? Camera,
    ImageStatus Status,
    string? FailureKind,
    string? FailureReason,
    string? ModelId,
    string? ThumbnailPath,
    DateTimeOffset FirstSeen,
    DateTimeOffset Updated);
