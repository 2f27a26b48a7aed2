using System.Runtime.InteropServices;
using System.Text;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>
/// What .NET's file APIs cannot do: names that are not UTF-8, FIFOs, and asking whether we run as root
/// (root reads files whatever their permissions, so chmod 000 does not make a file unreadable for it).
/// </summary>
internal static class Posix
{
    private const int O_WRONLY = 0x1, O_CREAT = 0x40, O_TRUNC = 0x200;

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(byte[] path, uint mode);

    [DllImport("libc")]
    private static extern uint geteuid();

    public static bool IsRoot => geteuid() == 0;

    /// <summary>Creates <paramref name="directory"/>/<paramref name="rawName"/> with raw name bytes.</summary>
    public static void WriteFileWithRawName(string directory, byte[] rawName, byte[] content)
    {
        var path = Path0([.. Encoding.UTF8.GetBytes(directory + "/"), .. rawName]);
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, Convert.ToInt32("644", 8));
        if (fd < 0)
            throw new IOException($"open failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (write(fd, content, content.Length) != content.Length)
                throw new IOException($"write failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            close(fd);
        }
    }

    public static void MakeFifo(string path)
    {
        if (mkfifo(Path0(Encoding.UTF8.GetBytes(path)), Convert.ToUInt32("644", 8)) != 0)
            throw new IOException($"mkfifo failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private static byte[] Path0(byte[] bytes) => [.. bytes, 0];
}
