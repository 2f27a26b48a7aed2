using Microsoft.Win32.SafeHandles;

namespace SemanticSearch.Crawler.Files;

/// <summary>
/// The file operations the crawler and the web host use on originals, by <see cref="Core.Files.EscapedPath"/>
/// strings: on 64-bit Linux by the name's exact bytes, elsewhere through System.IO.
/// </summary>
public static class OriginalFiles
{
    private static bool ByBytes { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>The entries of a folder (not sorted; "." and ".." left out).</summary>
    /// <exception cref="IOException">The folder cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static List<FolderEntry> List(string folder) => ByBytes ? LinuxFiles.List(folder) : PortableFiles.List(folder);

    /// <summary>Kind, size and time of a path; <see cref="FileStatus.Missing"/> when nothing is there.</summary>
    public static FileStatus Status(string path, bool followLinks = true) =>
        ByBytes ? LinuxFiles.Status(path, followLinks) : PortableFiles.Status(path, followLinks);

    /// <summary>Kind, size and time of what an open handle reads.</summary>
    public static FileStatus Status(SafeFileHandle handle) => ByBytes ? LinuxFiles.Status(handle) : PortableFiles.Status(handle);

    /// <summary>Opens a file for reading (never blocks on a FIFO on Linux).</summary>
    public static SafeFileHandle OpenRead(string path) => ByBytes ? LinuxFiles.OpenRead(path) : PortableFiles.OpenRead(path);

    /// <summary>The path with every symbolic link resolved (realpath(3)).</summary>
    /// <exception cref="IOException">A missing component or a link loop.</exception>
    public static string RealPath(string path) => ByBytes ? LinuxFiles.RealPath(path) : PortableFiles.RealPath(path);

    /// <summary>The real path of the file a handle has open (on Linux the kernel's answer, immune to races).</summary>
    public static string RealPathOf(SafeFileHandle handle, string openedPath) =>
        ByBytes ? LinuxFiles.RealPathOf(handle) : PortableFiles.RealPathOf(openedPath);

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it (both real paths).</summary>
    public static bool IsInside(string path, string root)
    {
        var trimmed = root.Length > 1 ? root.TrimEnd('/', Path.DirectorySeparatorChar) : root;
        return path == trimmed
            || path.StartsWith(trimmed.EndsWith('/') || trimmed.EndsWith(Path.DirectorySeparatorChar) ? trimmed : trimmed + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
