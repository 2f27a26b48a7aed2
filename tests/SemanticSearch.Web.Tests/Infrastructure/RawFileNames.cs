using System.Runtime.InteropServices;
using System.Text;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>Gives a file a name that is not UTF-8, which System.IO cannot write (rename(2) on the raw bytes).</summary>
internal static class RawFileNames
{
    [DllImport("libc", SetLastError = true)]
    private static extern int rename(byte[] from, byte[] to);

    public static void Rename(string from, string directory, byte[] rawName)
    {
        byte[] to = [.. Encoding.UTF8.GetBytes(directory + "/"), .. rawName, 0];
        if (rename([.. Encoding.UTF8.GetBytes(from), 0], to) != 0)
            throw new IOException($"rename failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
