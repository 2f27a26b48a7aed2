using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SemanticSearch.Core.Files;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Files;

/// <summary>
/// File access by the bytes of a name (64-bit Linux). System.IO decodes names as UTF-8 and replaces invalid bytes,
/// so a file named in Latin-1 could be listed but never opened; here every call takes the exact bytes.
/// </summary>
internal static class LinuxFiles
{
    private const int DirentTypeOffset = 18;
    private const int DirentNameOffset = 19;

    public static List<FolderEntry> List(string folder)
    {
        var dir = LinuxLibC.OpenDir(Terminated(folder));
        if (dir == 0)
            throw ErrorFor(folder, Marshal.GetLastPInvokeError());
        try
        {
            var entries = new List<FolderEntry>();
            while (LinuxLibC.ReadDir(dir) is var entry && entry != 0)
            {
                var name = Pointer(entry + DirentNameOffset);
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                    continue;
                var escaped = EscapedPath.FromBytes(name);
                var path = folder.EndsWith('/') ? folder + escaped : folder + "/" + escaped;
                var kind = Marshal.ReadByte(entry, DirentTypeOffset) switch
                {
                    4 => FileKind.Folder,
                    8 => FileKind.File,
                    10 => FileKind.Link,
                    0 => Status(path, followLinks: false).Kind, // DT_UNKNOWN: some file systems do not say.
                    _ => FileKind.Other,
                };
                entries.Add(new FolderEntry(path, escaped, kind));
            }
            return entries;
        }
        finally
        {
            LinuxLibC.CloseDir(dir);
        }
    }

    public static FileStatus Status(string path, bool followLinks)
    {
        var buffer = new byte[LinuxLibC.StatxSize];
        var flags = followLinks ? 0 : LinuxLibC.AtSymlinkNoFollow;
        if (LinuxLibC.Statx(LinuxLibC.AtFdCwd, Terminated(path), flags, LinuxLibC.StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20 ? FileStatus.Missing : throw ErrorFor(path, errno); // ENOENT, ENOTDIR
        }
        return FromStatx(buffer);
    }

    public static FileStatus Status(SafeFileHandle handle)
    {
        var buffer = new byte[LinuxLibC.StatxSize];
        if (LinuxLibC.Statx((int)handle.DangerousGetHandle(), [0], LinuxLibC.AtEmptyPath, LinuxLibC.StatxBasicStats, buffer) != 0)
            throw ErrorFor("an open file", Marshal.GetLastPInvokeError());
        return FromStatx(buffer);
    }

    /// <summary>Opens for reading without blocking on a FIFO (whose kind the caller then refuses).</summary>
    public static SafeFileHandle OpenRead(string path)
    {
        var fd = LinuxLibC.Open(Terminated(path), LinuxLibC.ORdOnly | LinuxLibC.ONonBlock | LinuxLibC.OCloExec);
        if (fd < 0)
            throw ErrorFor(path, Marshal.GetLastPInvokeError());
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    public static string RealPath(string path)
    {
        var resolved = LinuxLibC.RealPath(Terminated(path), 0);
        if (resolved == 0)
            throw ErrorFor(path, Marshal.GetLastPInvokeError());
        try
        {
            return EscapedPath.FromBytes(Pointer(resolved));
        }
        finally
        {
            LinuxLibC.Free(resolved);
        }
    }

    /// <summary>The path the kernel opened: no link or rename between resolving and opening can change it.</summary>
    public static string RealPathOf(SafeFileHandle handle)
    {
        var buffer = new byte[4097];
        var length = LinuxLibC.ReadLink(Terminated($"/proc/self/fd/{handle.DangerousGetHandle()}"), buffer, buffer.Length - 1);
        if (length < 0)
            throw ErrorFor("an open file", Marshal.GetLastPInvokeError());
        return EscapedPath.FromBytes(buffer.AsSpan(0, (int)length));
    }

    private static FileStatus FromStatx(byte[] buffer)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)) & 0xF000;
        var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(40));
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(112));
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(120));
        var modified = DateTimeOffset.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100);
        var kind = mode switch
        {
            0x8000 => FileKind.File,
            0x4000 => FileKind.Folder,
            0xA000 => FileKind.Link,
            _ => FileKind.Other,
        };
        return new FileStatus(kind, size, Timestamps.Normalize(modified));
    }

    private static unsafe ReadOnlySpan<byte> Pointer(nint pointer) =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)pointer);

    private static byte[] Terminated(string path)
    {
        var bytes = EscapedPath.ToBytes(path);
        Array.Resize(ref bytes, bytes.Length + 1);
        return bytes;
    }

    private static Exception ErrorFor(string path, int errno)
    {
        var message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno switch
        {
            2 => new FileNotFoundException(message),
            20 => new DirectoryNotFoundException(message),
            1 or 13 => new UnauthorizedAccessException(message),
            _ => new IOException(message, errno),
        };
    }
}
