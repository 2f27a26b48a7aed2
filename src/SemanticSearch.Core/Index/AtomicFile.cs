namespace SemanticSearch.Core.Index;

/// <summary>
/// Replaces a file so that readers and crashes see either the old or the new content, never a mix:
/// write a temp file next to it, fsync it, rename it over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Calls <paramref name="writeTemp"/> with a temp path in the target's folder, flushes that file to disk and renames
    /// it to <paramref name="path"/>. The temp file is removed when anything fails.
    /// </summary>
    public static void Replace(string path, Action<string> writeTemp)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemp(temp);
            // The writer may be native code that never fsyncs; flushing through a fresh handle covers it.
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                stream.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
