using System.Globalization;
using AngleSharp.Html.Parser;

namespace SemanticSearch.Crawler.Web;

/// <summary>
/// Finds the images of an HTML page (img src, img/picture srcset, lazy-loading data-src, links straight to image
/// files) and its links. Of a srcset only the largest candidate is taken: the other candidates are the same
/// picture at other sizes, and the largest embeds best.
/// </summary>
internal static class HtmlLinkExtractor
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp",
    };

    public static PageLinks Extract(byte[] html, Uri pageUri)
    {
        using var stream = new MemoryStream(html, writable: false);
        var document = new HtmlParser().ParseDocument(stream);
        var baseUri = pageUri;
        if (document.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref && Uri.TryCreate(pageUri, baseHref, out var b))
            baseUri = b;

        var images = new List<Uri>();
        var pages = new List<Uri>();
        foreach (var img in document.QuerySelectorAll("img"))
        {
            var chosen = LargestCandidate(img.GetAttribute("srcset")) ?? img.GetAttribute("src") ?? img.GetAttribute("data-src");
            Add(images, baseUri, chosen);
        }
        foreach (var source in document.QuerySelectorAll("picture source[srcset]"))
            Add(images, baseUri, LargestCandidate(source.GetAttribute("srcset")));
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (Resolve(baseUri, anchor.GetAttribute("href")) is not { } target)
                continue;
            if (IsImagePath(target))
                images.Add(target);
            else
                pages.Add(target);
        }
        return new PageLinks(images.Distinct().ToList(), pages.Distinct().ToList());
    }

    /// <summary>True when the URL's path ends with an image extension.</summary>
    public static bool IsImagePath(Uri uri) => ImageExtensions.Contains(Path.GetExtension(uri.AbsolutePath));

    /// <summary>The URL of the widest ("800w") or densest ("2x") candidate of a srcset.</summary>
    internal static string? LargestCandidate(string? srcset)
    {
        if (string.IsNullOrWhiteSpace(srcset))
            return null;
        string? best = null;
        var bestScore = double.MinValue;
        var i = 0;
        while (i < srcset.Length)
        {
            while (i < srcset.Length && (char.IsWhiteSpace(srcset[i]) || srcset[i] == ','))
                i++;
            var start = i;
            while (i < srcset.Length && !char.IsWhiteSpace(srcset[i]))
                i++;
            var url = srcset[start..i];
            var trailingComma = url.EndsWith(',');
            url = url.TrimEnd(',');
            var descriptor = "";
            if (!trailingComma)
            {
                var d = i;
                while (i < srcset.Length && srcset[i] != ',')
                    i++;
                descriptor = srcset[d..i].Trim();
            }
            if (url.Length == 0)
                continue;
            var score = Score(descriptor);
            if (score > bestScore)
            {
                bestScore = score;
                best = url;
            }
        }
        return best;
    }

    private static double Score(string descriptor)
    {
        if (descriptor.Length > 1 && double.TryParse(descriptor[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return descriptor[^1] switch
            {
                'w' => value,
                'x' => value * 1000, // Density descriptors rarely mix with widths; make 2x beat 1x.
                _ => 0,
            };
        }
        return 1000; // No descriptor means 1x.
    }

    private static void Add(List<Uri> into, Uri baseUri, string? reference)
    {
        if (Resolve(baseUri, reference) is { } uri)
            into.Add(uri);
    }

    private static Uri? Resolve(Uri baseUri, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || !Uri.TryCreate(baseUri, reference.Trim(), out var uri))
            return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return null; // data:, mailto:, javascript: ...
        return uri.Fragment.Length > 0 ? new Uri(uri.GetLeftPart(UriPartial.Query)) : uri;
    }
}
