using Microsoft.Win32.SafeHandles;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Files;

/// <summary>System.IO versions of <see cref="LinuxFiles"/> for systems whose file names are always text.</summary>
internal static class PortableFiles
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    public static List<FolderEntry> List(string folder) =>
        [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", ListOptions).Select(e => new FolderEntry(e.FullName, e.Name, KindOf(e)))];

    public static FileStatus Status(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            if (!followLinks)
                return new FileStatus(FileKind.Link, 0, DateTimeOffset.UnixEpoch);
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }
        return info switch
        {
            FileInfo { Exists: true } file => new FileStatus(FileKind.File, file.Length, Timestamps.Normalize(file.LastWriteTimeUtc)),
            DirectoryInfo { Exists: true } dir => new FileStatus(FileKind.Folder, 0, Timestamps.Normalize(dir.LastWriteTimeUtc)),
            _ => FileStatus.Missing,
        };
    }

    public static FileStatus Status(SafeFileHandle handle) =>
        new(FileKind.File, RandomAccess.GetLength(handle), Timestamps.Normalize(File.GetLastWriteTimeUtc(handle)));

    public static SafeFileHandle OpenRead(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

    public static string RealPath(string path) => RealPath(path, 0);

    /// <summary>System.IO cannot ask which file a handle is; the path it was opened by is resolved instead.</summary>
    public static string RealPathOf(string openedPath) => RealPath(openedPath);

    private static FileKind KindOf(FileSystemInfo entry) => entry switch
    {
        _ when entry.LinkTarget is not null => FileKind.Link,
        DirectoryInfo => FileKind.Folder,
        FileInfo => FileKind.File,
        _ => FileKind.Other,
    };

    private static string RealPath(string path, int depth)
    {
        if (depth > 40)
            throw new IOException($"Too many levels of symbolic links in {path}.");
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true) ?? throw new IOException($"Cannot resolve {next}.");
                next = target.FullName == next ? next : RealPath(target.FullName, depth + 1);
            }
            current = next;
        }
        return Path.TrimEndingDirectorySeparator(current);
    }
}
