namespace SemanticSearch.Core.Search;

/// <summary>Restricts results; every null field means "any".</summary>
/// <param name="SourceId">Only images of this source.</param>
/// <param name="FolderPrefix">Only images whose location starts with this path or URL prefix.</param>
/// <param name="Format">Only this format (jpeg, png, gif, webp, bmp).</param>
/// <param name="TakenFrom">Only images whose EXIF date taken is at or after this instant.</param>
/// <param name="TakenTo">Only images whose EXIF date taken is before this instant.</param>
public sealed record SearchFilter(
    long? SourceId = null,
    string? FolderPrefix = null,
    string? Format = null,
    DateTimeOffset? TakenFrom = null,
    DateTimeOffset? TakenTo = null)
{
    public static SearchFilter None { get; } = new();

    public bool IsEmpty => SourceId is null && FolderPrefix is null && Format is null && TakenFrom is null && TakenTo is null;
}
