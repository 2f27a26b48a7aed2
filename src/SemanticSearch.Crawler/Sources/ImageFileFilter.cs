using Microsoft.Extensions.FileSystemGlobbing;

namespace SemanticSearch.Crawler.Sources;

/// <summary>Decides which files of a folder source are images to index: extension, include and exclude globs.</summary>
internal sealed class ImageFileFilter
{
    private readonly HashSet<string> _extensions;
    private readonly Matcher? _matcher;

    public ImageFileFilter(IEnumerable<string> extensions, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        _extensions = new HashSet<string>(extensions.Select(e => "." + e.TrimStart('.')), StringComparer.OrdinalIgnoreCase);
        if (include.Count > 0 || exclude.Count > 0)
        {
            // Case-insensitive so "*.JPG" and "*.jpg" mean the same thing to people writing settings.
            _matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
            if (include.Count == 0)
                _matcher.AddInclude("**/*");
            foreach (var pattern in include)
                _matcher.AddInclude(pattern);
            foreach (var pattern in exclude)
                _matcher.AddExclude(pattern);
        }
    }

    /// <summary>True when the file with this path relative to the source root (any separator) should be indexed.</summary>
    public bool Accepts(string relativePath)
    {
        if (!_extensions.Contains(Path.GetExtension(relativePath)))
            return false;
        return _matcher is null || _matcher.Match(relativePath.Replace('\\', '/')).HasMatches;
    }
}
