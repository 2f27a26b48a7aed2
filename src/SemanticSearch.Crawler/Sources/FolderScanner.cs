using System.Security;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Crawler.Files;

namespace SemanticSearch.Crawler.Sources;

/// <summary>
/// Enumerates the image files of a folder source, recursively and in a stable order, by the names' bytes (a name
/// that is not UTF-8 is kept in <see cref="Core.Files.EscapedPath"/> form). Symbolic links are followed only when
/// their target lies inside the source root's real path, unless <paramref name="followLinksOutside"/>: a link is a
/// way out of the source, and whatever is indexed can be served. A folder reached again (a link loop, or a second
/// link to the same place) is skipped. Unreadable folders are reported and left out.
/// </summary>
internal sealed class FolderScanner(ImageFileFilter filter, bool followLinksOutside = false)
{
    /// <summary>Issue kind of a link that leads out of its source.</summary>
    public const string LinkOutsideSource = "LinkOutsideSource";

    private const int MaxDepth = 256;

    /// <summary>Every image file under <paramref name="sourceRoot"/>.</summary>
    public IEnumerable<DiscoveredItem> Scan(long sourceId, string sourceRoot, DiscoveryReport report, CancellationToken ct)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        if (RootOf(root) is not { } realRoot)
        {
            report.Unavailable(root, FailureKinds.From(ImageErrorKind.Unreadable), $"The folder {root} does not exist or is not a folder.");
            return [];
        }
        return ScanTree(sourceId, root, realRoot, root, report, ct);
    }

    /// <summary>
    /// The images at specific paths of a source (a watcher's changes): a folder is scanned, a file checked against
    /// the filter. Paths that no longer exist are skipped here; the pipeline treats them as deleted.
    /// </summary>
    public IEnumerable<DiscoveredItem> ScanPaths(long sourceId, string sourceRoot, IEnumerable<string> paths, DiscoveryReport report, CancellationToken ct)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        if (RootOf(root) is not { } realRoot)
            yield break;
        foreach (var path in paths)
        {
            ct.ThrowIfCancellationRequested();
            var status = StatusOrMissing(path);
            if (status.Kind == FileKind.Folder && Leads(path, realRoot, report) is not null)
            {
                foreach (var item in ScanTree(sourceId, root, realRoot, Path.GetFullPath(path), report, ct))
                    yield return item;
            }
            else if (status.Kind is FileKind.File && filter.Accepts(Path.GetRelativePath(root, path)) && Leads(path, realRoot, report) is not null)
            {
                yield return Describe(sourceId, path, status);
            }
        }
    }

    private IEnumerable<DiscoveredItem> ScanTree(long sourceId, string root, string realRoot, string start, DiscoveryReport report, CancellationToken ct)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { OriginalFiles.RealPath(start) };
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((start, 0));
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (dir, depth) = pending.Pop();
            var entries = List(dir, report);
            if (entries is null)
                continue;
            var subdirectories = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.Kind == FileKind.Folder || (entry.Kind == FileKind.Link && StatusOrMissing(entry.Path).Kind == FileKind.Folder))
                {
                    if (FollowFolder(entry.Path, depth, realRoot, visited, report) is { } next)
                        subdirectories.Add(next);
                }
                else if (filter.Accepts(Path.GetRelativePath(root, entry.Path)))
                {
                    if (entry.Kind != FileKind.Link)
                        yield return Describe(sourceId, entry.Path, StatusOrMissing(entry.Path));
                    else if (DescribeLink(sourceId, entry.Path, realRoot, report) is { } linked)
                        yield return linked;
                }
            }
            // Reverse so the stack pops folders in name order: runs see files in a stable order.
            for (var i = subdirectories.Count - 1; i >= 0; i--)
                pending.Push((subdirectories[i], depth + 1));
        }
    }

    private static List<FolderEntry>? List(string dir, DiscoveryReport report)
    {
        try
        {
            var entries = OriginalFiles.List(dir);
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or SecurityException)
        {
            report.Unseen(dir, FailureKinds.From(ImageErrorKind.Unreadable), $"The folder {dir} could not be listed: {ex.Message}");
            return null;
        }
    }

    private string? FollowFolder(string folder, int depth, string realRoot, HashSet<string> visited, DiscoveryReport report)
    {
        if (depth + 1 > MaxDepth)
        {
            report.Unseen(folder, FailureKinds.From(ImageErrorKind.Unreadable), $"The folder {folder} is nested more than {MaxDepth} levels deep; not scanned.");
            return null;
        }
        if (Leads(folder, realRoot, report) is not { } real)
            return null;
        if (!visited.Add(real))
        {
            // Not an error worth a catalog row, but people should see why a linked folder added nothing.
            report.Issue(folder, "SymlinkLoop", $"The link {folder} leads to {real}, which was already scanned (a symbolic link loop or duplicate link); skipped.");
            return null;
        }
        return folder;
    }

    private DiscoveredItem? DescribeLink(long sourceId, string path, string realRoot, DiscoveryReport report)
    {
        var unreadable = FailureKinds.From(ImageErrorKind.Unreadable);
        var item = new DiscoveredItem(sourceId, SourceKind.Folder, path) { Size = 0, Modified = DateTimeOffset.UnixEpoch, FailureKind = unreadable };
        FileStatus target;
        try
        {
            target = OriginalFiles.Status(path);
        }
        catch (IOException ex)
        {
            return item with { FailureReason = $"The symbolic link {path} cannot be followed (a link loop?): {ex.Message}" };
        }
        if (target.Kind == FileKind.Missing)
            return item with { FailureReason = $"The symbolic link {path} points to something that does not exist." };
        if (Leads(path, realRoot, report) is null)
            return null;
        return Describe(sourceId, path, target);
    }

    /// <summary>The real path behind <paramref name="path"/> when the scan may go there; null (and an issue) when not.</summary>
    private string? Leads(string path, string realRoot, DiscoveryReport report)
    {
        string real;
        try
        {
            real = OriginalFiles.RealPath(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report.Issue(path, FailureKinds.From(ImageErrorKind.Unreadable), $"The link {path} cannot be followed: {ex.Message}");
            return null;
        }
        if (followLinksOutside || OriginalFiles.IsInside(real, realRoot))
            return real;
        report.Issue(path, LinkOutsideSource,
            $"The link {path} leads to {real}, outside the source {realRoot}; not followed (SemanticSearch:Crawler:FollowLinksOutside allows it per source).");
        return null;
    }

    private static DiscoveredItem Describe(long sourceId, string path, FileStatus status)
    {
        var item = new DiscoveredItem(sourceId, SourceKind.Folder, path);
        if (status.Kind == FileKind.Missing)
        {
            return item with
            {
                Size = 0, Modified = DateTimeOffset.UnixEpoch, FailureKind = FailureKinds.From(ImageErrorKind.Unreadable),
                FailureReason = $"The file {path} vanished while the folder was scanned.",
            };
        }
        // A FIFO or device is described as 0 bytes: the worker refuses it without opening it (that could block).
        return item with { Size = status.Kind == FileKind.File ? status.Size : 0, Modified = status.Modified };
    }

    private static string? RootOf(string root)
    {
        try
        {
            return OriginalFiles.Status(root).Kind == FileKind.Folder ? OriginalFiles.RealPath(root) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStatus StatusOrMissing(string path)
    {
        try
        {
            return OriginalFiles.Status(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FileStatus.Missing;
        }
    }
}
