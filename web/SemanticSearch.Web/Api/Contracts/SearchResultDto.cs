namespace SemanticSearch.Web.Api.Contracts;

/// <summary>One search result as the API returns it.</summary>
/// <param name="Id">Catalog id of the image.</param>
/// <param name="Path">URL of a web image; for a file, its path relative to its source (absolute for admins).</param>
/// <param name="Score">Cosine similarity to the query (higher is closer).</param>
/// <param name="ThumbnailUrl">Relative URL of the thumbnail.</param>
/// <param name="ImageUrl">Relative URL of the original.</param>
/// <param name="Width">Width in pixels (after EXIF orientation).</param>
/// <param name="Height">Height in pixels (after EXIF orientation).</param>
/// <param name="Format">Format name (jpeg, png, ...).</param>
/// <param name="Size">Size of the original in bytes.</param>
/// <param name="DateTaken">EXIF date taken, when known.</param>
/// <param name="Source">Display name of the image's source (a folder's name, a web source's host).</param>
public sealed record SearchResultDto(
    long Id,
    string Path,
    float Score,
    string ThumbnailUrl,
    string ImageUrl,
    int Width,
    int Height,
    string? Format,
    long Size,
    DateTimeOffset? DateTaken,
    string Source);
