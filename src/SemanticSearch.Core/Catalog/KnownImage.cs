namespace SemanticSearch.Core.Catalog;

/// <summary>What change detection needs to know about an image already in the catalog.</summary>
public sealed record KnownImage(
    long Id,
    string Location,
    long Size,
    DateTimeOffset Modified,
    string? ContentHash,
    ImageStatus Status);
