using System.Diagnostics.CodeAnalysis;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Core.Catalog;

/// <summary>
/// The one place that decides how a source location is written, so that "/photos", "/photos/" and a link to it are
/// one source, and so are "HTTP://Example.com:80" and "http://example.com/". Every entry point (settings, the CLI, the
/// web API, the host's command line) and the catalog itself go through it.
/// </summary>
public static class SourceLocation
{
    /// <summary>The longest location accepted (Linux's PATH_MAX; far above any real URL of a gallery).</summary>
    public const int MaxLength = 4096;

    /// <summary>
    /// Folders: the real path (relative paths through <see cref="AppPaths.Resolve"/>, symbolic links resolved as far
    /// as the path exists) without a trailing separator. Web: the absolute URL with scheme and host in lower case,
    /// without the default port or a fragment. A URL that does not parse is only trimmed (validation reports it).
    /// </summary>
    public static string Normalise(SourceKind kind, string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return kind == SourceKind.Web ? NormaliseUrl(location.Trim()) : NormaliseFolder(location.Trim());
    }

    /// <summary>
    /// Reads a location a person typed for a new source: an http(s) URL is a web source, anything else must be an
    /// existing folder. On failure <paramref name="error"/> says why in words (a file, a missing folder, a scheme).
    /// The returned source has only <see cref="CatalogSource.Kind"/> and <see cref="CatalogSource.Location"/> set.
    /// </summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out CatalogSource? source, [NotNullWhen(false)] out string? error)
    {
        source = null;
        error = null;
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "Give a folder path or an http(s) URL.";
            return false;
        }
        // Checked before any file system call: path APIs throw on a NUL, and a huge string would be echoed back.
        if (text.Length > MaxLength)
        {
            error = $"A location is at most {MaxLength} characters (this one has {text.Length}).";
            return false;
        }
        if (text.Any(char.IsControl))
        {
            error = "A location cannot contain control characters (such as NUL, tab or a line break).";
            return false;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                error = $"Only http and https web sources are supported (was {uri.Scheme}:).";
                return false;
            }
            source = new CatalogSource { Kind = SourceKind.Web, Location = NormaliseUrl(text) };
            return true;
        }

        var path = AppPaths.Resolve(uri is { IsFile: true } ? uri.LocalPath : text);
        if (NotAFolder(path) is { } reason)
        {
            error = reason;
            return false;
        }
        source = new CatalogSource { Kind = SourceKind.Folder, Location = NormaliseFolder(path) };
        return true;
    }

    /// <summary>Why <paramref name="path"/> cannot be a folder source (a file, or nothing there); null when it can.</summary>
    public static string? NotAFolder(string path)
    {
        if (File.Exists(path))
            return $"{path} is a file, not a folder. A source is a folder (every image under it) or an http(s) URL; "
                + "to index only some files, add their folder with an include pattern.";
        return Directory.Exists(path) ? null : $"The folder {path} does not exist.";
    }

    private static string NormaliseFolder(string path)
    {
        var full = AppPaths.Resolve(path);
        try
        {
            full = RealPath.Of(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A link loop or an unreadable link: the lexical path still names the source; scanning reports the rest.
        }
        return Path.TrimEndingDirectorySeparator(full);
    }

    private static string NormaliseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile)
            return url;
        // Uri already lower-cases scheme and host, drops the default port and writes an empty path as "/".
        return uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);
    }
}
