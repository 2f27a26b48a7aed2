namespace SemanticSearch.Core.Configuration;

/// <summary>
/// One writing process per data folder: an exclusive OS lock on <c>semsearch.lock</c> inside it (flock on Linux and
/// macOS, a share-none handle on Windows), released by the OS when the process ends however it ends. The holder
/// writes who it is to <c>semsearch.lock.owner</c>, which the lock itself keeps other processes from reading.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "semsearch.lock";
    public const string OwnerFileName = "semsearch.lock.owner";

    private readonly FileStream _lock;
    private readonly string _ownerPath;
    private int _released;

    private DataFolderLock(FileStream held, string ownerPath, DataFolderHolder holder)
    {
        _lock = held;
        _ownerPath = ownerPath;
        Holder = holder;
    }

    /// <summary>What this process wrote as the holder.</summary>
    public DataFolderHolder Holder { get; private set; }

    /// <summary>
    /// Takes the lock on <paramref name="folder"/>, creating the folder if needed, before anything else in it is opened.
    /// </summary>
    /// <exception cref="DataFolderException">Another process holds it, or the folder cannot be written.</exception>
    public static DataFolderLock Acquire(DataFolder folder, string program, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var lockPath = Path.Combine(folder.Root, FileName);
        var ownerPath = Path.Combine(folder.Root, OwnerFileName);
        FileStream held;
        try
        {
            Directory.CreateDirectory(folder.Root);
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw NotWritable(folder, e);
        }
        catch (IOException e) when (File.Exists(lockPath))
        {
            var holder = DataFolderHolder.Parse(TryRead(ownerPath));
            throw new DataFolderException(
                $"The data folder {folder.Root} is in use by {holder?.ToString() ?? "another process"}. "
                + "Stop that process, or give this one another folder with --data-dir.", e);
        }
        catch (IOException e)
        {
            throw NotWritable(folder, e);
        }

        var self = new DataFolderHolder(Environment.ProcessId, program, url);
        var acquired = new DataFolderLock(held, ownerPath, self);
        acquired.Describe(self);
        return acquired;
    }

    /// <summary>Rewrites the owner file, e.g. with the address the web host really listens on once it does.</summary>
    public void Describe(DataFolderHolder holder)
    {
        Holder = holder;
        try
        {
            File.WriteAllText(_ownerPath, holder.Format());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFolderException($"The data folder {Path.GetDirectoryName(_ownerPath)} is not writable: {e.Message}", e);
        }
    }

    /// <summary>Releases the lock (the OS does the same if the process dies). Only the first call does anything, so a
    /// later one cannot delete the owner file of the next holder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
            return;
        try { File.Delete(_ownerPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _lock.Dispose();
    }

    private static DataFolderException NotWritable(DataFolder folder, Exception e) => new(
        $"The data folder {folder.Root} cannot be written ({e.Message}). Give this user write access to it, "
        + "or choose another folder with --data-dir.", e);

    private static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
