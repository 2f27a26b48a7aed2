namespace SemanticSearch.Crawler.Sources;

/// <summary>
/// Watches one folder source and reports the changed paths once the folder has been quiet for the debounce
/// time, so a copy of a thousand files becomes one small indexing run instead of a thousand.
/// </summary>
internal sealed class FolderWatcher : IDisposable
{
    private readonly long _sourceId;
    private readonly TimeSpan _debounce;
    private readonly Action<FolderChanges> _onChanges;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private HashSet<string> _paths = new(StringComparer.Ordinal);
    private bool _overflowed;
    private DateTime _firstPendingUtc;
    private bool _disposed;

    public FolderWatcher(long sourceId, string root, TimeSpan debounce, Action<FolderChanges> onChanges)
    {
        _sourceId = sourceId;
        _debounce = debounce;
        _onChanges = onChanges;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => Add(e.FullPath);
        _watcher.Changed += (_, e) => Add(e.FullPath);
        _watcher.Deleted += (_, e) => Add(e.FullPath);
        _watcher.Renamed += (_, e) => { Add(e.OldFullPath); Add(e.FullPath); };
        _watcher.Error += (_, _) => { lock (_gate) _overflowed = true; Schedule(); };
        _watcher.EnableRaisingEvents = true;
    }

    public string Root => _watcher.Path;

    private void Add(string path)
    {
        lock (_gate)
        {
            // A name that is not UTF-8 reaches us with its bytes replaced, so it cannot be found again by this path:
            // the source is rescanned, which lists names by their bytes.
            if (path.Contains('\uFFFD'))
                _overflowed = true;
            if (_paths.Count == 0)
                _firstPendingUtc = DateTime.UtcNow;
            _paths.Add(path);
        }
        Schedule();
    }

    private void Schedule()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            // Quiet period restarts on every event, but a folder that never goes quiet is still flushed.
            var waited = DateTime.UtcNow - _firstPendingUtc;
            var due = waited > _debounce * 10 ? TimeSpan.Zero : _debounce;
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        FolderChanges changes;
        lock (_gate)
        {
            if (_disposed || (_paths.Count == 0 && !_overflowed))
                return;
            changes = new FolderChanges(_sourceId, _paths, _overflowed);
            _paths = new HashSet<string>(StringComparer.Ordinal);
            _overflowed = false;
        }
        _onChanges(changes);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _watcher.Dispose();
        _timer.Dispose();
    }
}
