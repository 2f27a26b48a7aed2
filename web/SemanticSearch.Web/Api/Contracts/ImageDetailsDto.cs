namespace SemanticSearch.Web.Api.Contracts;

/// <summary>Everything the catalog knows about one image.</summary>
/// <param name="Id">Catalog id.</param>
/// <param name="SourceId">Id of the source the image was found in.</param>
/// <param name="Path">URL of a web image; for a file, its path relative to its source (absolute for admins).</param>
/// <param name="Size">Bytes of the original.</param>
/// <param name="Width">Pixels (after EXIF orientation).</param>
/// <param name="Height">Pixels (after EXIF orientation).</param>
/// <param name="Format">Format name.</param>
/// <param name="DateTaken">EXIF date taken.</param>
/// <param name="Camera">EXIF camera make and model.</param>
/// <param name="Status">pending, indexed, failed or deleted.</param>
/// <param name="FailureReason">Why indexing failed, for failed images (admins only).</param>
/// <param name="Modified">Last modification time of the original.</param>
/// <param name="ThumbnailUrl">Relative URL of the thumbnail.</param>
/// <param name="ImageUrl">Relative URL of the original.</param>
/// <param name="SimilarUrl">Relative URL of the "more like this" search.</param>
/// <param name="Source">Display name of the image's source.</param>
public sealed record ImageDetailsDto(
    long Id,
    long SourceId,
    string Path,
    long Size,
    int Width,
    int Height,
    string? Format,
    DateTimeOffset? DateTaken,
    string? Camera,
    string Status,
    string? FailureReason,
    DateTimeOffset Modified,
    string ThumbnailUrl,
    string ImageUrl,
    string SimilarUrl,
    string Source);
