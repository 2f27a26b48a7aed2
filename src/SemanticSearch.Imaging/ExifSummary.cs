using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace SemanticSearch.Imaging;

/// <summary>The two EXIF facts the catalog keeps: when the photo was taken and with which camera.</summary>
internal sealed record ExifSummary(DateTimeOffset? DateTaken, string? Camera)
{
    public static ExifSummary None { get; } = new(null, null);

    /// <summary>
    /// Reads EXIF from an encoded image. Broken or hostile metadata only loses the metadata:
    /// every failure returns <see cref="None"/> (the pixels may still be perfectly usable).
    /// </summary>
    public static ExifSummary Read(Stream stream)
    {
        try
        {
            var directories = ImageMetadataReader.ReadMetadata(stream);
            return new ExifSummary(ReadDate(directories), ReadCamera(directories));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return None;
        }
    }

    private static DateTimeOffset? ReadDate(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        foreach (var sub in directories.OfType<ExifSubIfdDirectory>())
        {
            foreach (var (dateTag, zoneTag) in new[]
            {
                (ExifDirectoryBase.TagDateTimeOriginal, ExifDirectoryBase.TagTimeZoneOriginal),
                (ExifDirectoryBase.TagDateTimeDigitized, ExifDirectoryBase.TagTimeZoneDigitized),
            })
            {
                if (!sub.TryGetDateTime(dateTag, out var local) || local.Year < 1800)
                    continue;
                // EXIF stores camera-local time; the offset tag (EXIF 2.31) is often absent.
                // Without it the clock time is kept as is, labelled +00:00.
                var offset = ParseOffset(sub.GetString(zoneTag)) ?? TimeSpan.Zero;
                return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
            }
        }
        return null;
    }

    private static TimeSpan? ParseOffset(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim().TrimEnd('\0');
        bool negative = text.StartsWith('-');
        if (TimeSpan.TryParseExact(text.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var span)
            && span <= TimeSpan.FromHours(14))
            return negative ? -span : span;
        return null;
    }

    private static string? ReadCamera(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        if (ifd0 is null)
            return null;
        string? make = Clean(ifd0.GetString(ExifDirectoryBase.TagMake));
        string? model = Clean(ifd0.GetString(ExifDirectoryBase.TagModel));
        if (model is null)
            return make;
        if (make is null)
            return model;
        // Many vendors repeat the make in the model ("Canon" + "Canon EOS 80D").
        return model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model : $"{make} {model}";
    }

    private static string? Clean(string? value)
    {
        if (value is null)
            return null;
        value = value.Replace("\0", string.Empty).Trim();
        if (value.Length > 100)
            value = value[..100];
        return value.Length == 0 ? null : value;
    }
}
