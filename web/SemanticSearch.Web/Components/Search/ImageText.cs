using System.Globalization;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Web.Components.Search;

/// <summary>How images and numbers are written in the UI.</summary>
public static class ImageText
{
    /// <summary>The file name of a path or URL ("red-circle-012.jpg").</summary>
    public static string Name(CatalogImage image)
    {
        var location = image.Location;
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            var last = uri.Segments.LastOrDefault()?.Trim('/');
            return string.IsNullOrEmpty(last) ? uri.Host : Uri.UnescapeDataString(last);
        }
        var name = Path.GetFileName(location);
        return string.IsNullOrEmpty(name) ? location : name;
    }

    /// <summary>A score with three decimals, invariant culture.</summary>
    public static string Score(float score) => score.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>"834 KB", "2.4 MB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };

    /// <summary>"12 ms", "1.4 s".</summary>
    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s");
}
