using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Core.Search;

/// <summary>The fields of one image that search filters test.</summary>
/// <param name="SourceId">The image's source.</param>
/// <param name="Location">Path or URL of the image.</param>
/// <param name="Format">Lower-case format, or null when unknown.</param>
/// <param name="TakenTicks">EXIF date taken as UTC ticks, or null.</param>
public readonly record struct ImageFilterValues(long SourceId, string Location, string? Format, long? TakenTicks)
{
    /// <summary>The filtered fields of a catalog row.</summary>
    public static ImageFilterValues Of(CatalogImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(image.SourceId, image.Location, image.Format, image.DateTaken?.UtcTicks);
    }
}
