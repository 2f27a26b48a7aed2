namespace SemanticSearch.Core.Catalog;

/// <summary>
/// realpath(3) for a path that may only partly exist: every existing component that is a symbolic link is replaced by
/// its target; the part that does not exist (yet) is kept as written.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The absolute path with its links resolved.</summary>
    /// <exception cref="IOException">Too many links (a loop), or a link that cannot be read.</exception>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        for (var links = 0; links <= MaxLinks; links++)
        {
            if (ResolveFirstLink(full) is not { } resolved)
                return full;
            full = resolved;
        }
        throw new IOException($"Too many levels of symbolic links in {path}.");
    }

    /// <summary>The path with its first linked component replaced by the link's target; null when it has none.</summary>
    private static string? ResolveFirstLink(string full)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                // A relative target is relative to the folder holding the link.
                var resolved = Path.GetFullPath(target, current);
                return Path.Combine([resolved, .. parts[(i + 1)..]]);
            }
            if (!info.Exists && !Directory.Exists(next))
                return null; // Nothing below a missing component can be a link.
            current = next;
        }
        return null;
    }
}
