namespace SemanticSearch.Crawler.Models;

/// <summary>
/// Lets searches run side by side but never across a model flip: a flip waits for the searches in flight, holds new
/// ones for the moment it swaps catalog, index and model, then lets them run on the new model. A search therefore
/// encodes its query with the same model as the index it searches.
/// </summary>
public sealed class SearchFlipGate
{
    private readonly Lock _lock = new();
    private int _searches;
    private bool _flipping;
    private TaskCompletionSource _flipDone = Completed();
    private TaskCompletionSource _drained = Completed();

    /// <summary>Enters for one search; dispose the result when the search returns.</summary>
    public async Task<IDisposable> EnterSearchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (!_flipping)
                {
                    _searches++;
                    return new Exit(this);
                }
                wait = _flipDone.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="flip"/> with no search in flight and new searches held until it returns.</summary>
    public async Task FlipAsync(Action flip)
    {
        Task drained;
        lock (_lock)
        {
            _flipping = true;
            _flipDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_searches == 0)
                _drained.TrySetResult();
            drained = _drained.Task;
        }
        try
        {
            await drained.ConfigureAwait(false);
            flip();
        }
        finally
        {
            TaskCompletionSource done;
            lock (_lock)
            {
                _flipping = false;
                done = _flipDone;
            }
            done.TrySetResult();
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            if (--_searches == 0 && _flipping)
                _drained.TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }

    private sealed class Exit(SearchFlipGate gate) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
                gate.Leave();
        }
    }
}
