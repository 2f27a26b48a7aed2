using System.Security;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Crawler.Sources;

/// <summary>
/// Enumerates the image files of a folder source, recursively and in a stable order. Symbolic links to folders are
/// followed once: a folder reached again (a link loop, or a second link to the same place) is skipped. Unreadable
/// folders are reported and left out; files that cannot even be opened by name are returned with their failure.
/// </summary>
internal sealed class FolderScanner(ImageFileFilter filter)
{
    private const int MaxDepth = 256;

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Every image file under <paramref name="sourceRoot"/>.</summary>
    public IEnumerable<DiscoveredItem> Scan(long sourceId, string sourceRoot, DiscoveryReport report, CancellationToken ct)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        if (!Directory.Exists(root))
        {
            report.Unavailable(root, FailureKinds.From(ImageErrorKind.Unreadable), $"The folder {root} does not exist or is not a folder.");
            return [];
        }
        return ScanTree(sourceId, root, root, report, ct);
    }

    /// <summary>
    /// The images at specific paths of a source (a watcher's changes): a folder is scanned, a file checked against
    /// the filter. Paths that no longer exist are skipped here; the pipeline treats them as deleted.
    /// </summary>
    public IEnumerable<DiscoveredItem> ScanPaths(long sourceId, string sourceRoot, IEnumerable<string> paths, DiscoveryReport report, CancellationToken ct)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        foreach (var path in paths)
        {
            ct.ThrowIfCancellationRequested();
            if (Directory.Exists(path))
            {
                foreach (var item in ScanTree(sourceId, root, Path.GetFullPath(path), report, ct))
                    yield return item;
            }
            else
            {
                var file = new FileInfo(path);
                if (file.Exists && filter.Accepts(Path.GetRelativePath(root, file.FullName)))
                    yield return Describe(sourceId, file);
            }
        }
    }

    private IEnumerable<DiscoveredItem> ScanTree(long sourceId, string root, string start, DiscoveryReport report, CancellationToken ct)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { RealPath(start) };
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
                if (entry is DirectoryInfo folder)
                {
                    if (FollowFolder(folder, depth, visited, report) is { } next)
                        subdirectories.Add(next);
                }
                else if (entry is FileInfo file && filter.Accepts(Path.GetRelativePath(root, file.FullName)))
                {
                    yield return Describe(sourceId, file);
                }
            }
            // Reverse so the stack pops folders in name order: runs see files in a stable order.
            for (var i = subdirectories.Count - 1; i >= 0; i--)
                pending.Push((subdirectories[i], depth + 1));
        }
    }

    private static List<FileSystemInfo>? List(string dir, DiscoveryReport report)
    {
        try
        {
            var entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", ListOptions).ToList();
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or SecurityException)
        {
            report.Unseen(dir, FailureKinds.From(ImageErrorKind.Unreadable), $"The folder {dir} could not be listed: {ex.Message}");
            return null;
        }
    }

    private static string? FollowFolder(DirectoryInfo folder, int depth, HashSet<string> visited, DiscoveryReport report)
    {
        if (depth + 1 > MaxDepth)
        {
            report.Unseen(folder.FullName, FailureKinds.From(ImageErrorKind.Unreadable), $"The folder {folder.FullName} is nested more than {MaxDepth} levels deep; not scanned.");
            return null;
        }
        string real;
        try
        {
            real = RealPath(folder.FullName);
        }
        catch (IOException ex)
        {
            report.Issue(folder.FullName, FailureKinds.From(ImageErrorKind.Unreadable), $"The link {folder.FullName} cannot be followed: {ex.Message}");
            return null;
        }
        if (!visited.Add(real))
        {
            // Not an error worth a catalog row, but people should see why a linked folder added nothing.
            report.Issue(folder.FullName, "SymlinkLoop", $"The link {folder.FullName} leads to {real}, which was already scanned (a symbolic link loop or duplicate link); skipped.");
            return null;
        }
        return folder.FullName;
    }

    private static DiscoveredItem Describe(long sourceId, FileInfo file)
    {
        var item = new DiscoveredItem(sourceId, SourceKind.Folder, file.FullName);
        var unreadable = FailureKinds.From(ImageErrorKind.Unreadable);
        if (!file.Exists && file.LinkTarget is null)
        {
            // .NET decodes names as UTF-8; a name with other bytes comes back altered and cannot be opened.
            var reason = file.Name.Contains('\uFFFD')
                ? $"The file name of {file.FullName} is not valid UTF-8, so it cannot be opened; rename the file."
                : $"The file {file.FullName} vanished while the folder was scanned.";
            return item with { Size = 0, Modified = DateTimeOffset.UnixEpoch, FailureKind = unreadable, FailureReason = reason };
        }
        if (file.LinkTarget is not null)
        {
            var own = item with { Size = SafeLength(file), Modified = Timestamps.Normalize(file.LastWriteTimeUtc) };
            try
            {
                var target = file.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not FileInfo { Exists: true } targetFile)
                    return own with { FailureKind = unreadable, FailureReason = $"The symbolic link {file.FullName} points to {file.LinkTarget}, which does not exist or is not a file." };
                return item with { Size = targetFile.Length, Modified = Timestamps.Normalize(targetFile.LastWriteTimeUtc) };
            }
            catch (IOException ex)
            {
                return own with { FailureKind = unreadable, FailureReason = $"The symbolic link {file.FullName} cannot be followed (a link loop?): {ex.Message}" };
            }
        }
        return item with { Size = file.Length, Modified = Timestamps.Normalize(file.LastWriteTimeUtc) };
    }

    private static long SafeLength(FileInfo file)
    {
        try { return file.Length; }
        catch (IOException) { return 0; }
    }

    /// <summary>The path with every symbolic link resolved, component by component (like realpath(3)).</summary>
    internal static string RealPath(string path) => RealPath(path, 0);

    private static string RealPath(string path, int depth)
    {
        if (depth > 40)
            throw new IOException($"Too many levels of symbolic links in {path}.");
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            var info = new DirectoryInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)
                    ?? throw new IOException($"Cannot resolve {next}.");
                next = target.FullName == next ? next : RealPath(target.FullName, depth + 1);
            }
            current = next;
        }
        return Path.TrimEndingDirectorySeparator(current);
    }
}
