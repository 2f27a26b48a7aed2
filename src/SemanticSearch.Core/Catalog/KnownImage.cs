namespace SemanticSearch.Core.Catalog;

/// <summary>What change detection needs to know about an image already in the catalog.</summary>
public sealed record KnownImage(
    long Id,
    string Location,
    long Size,
    DateTimeOffset Modified,
    string? ContentHash,
    ImageStatus Status)
{
    /// <summary>A failed image's failure kind (so "retry failed" can pick one kind); null otherwise.</summary>
    public string? FailureKind { get; init; }
}
