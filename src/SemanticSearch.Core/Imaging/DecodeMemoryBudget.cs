namespace SemanticSearch.Core.Imaging;

/// <summary>
/// A semaphore of bytes shared by everything that decodes images (query uploads, previews, the crawler), so that
/// however many requests arrive at once, decode buffers never add up to more than <see cref="Capacity"/>.
/// Waiters are served in arrival order, so a large decode is not starved by a stream of small ones; a request for
/// more than the capacity waits until it has the whole budget to itself.
/// </summary>
public sealed class DecodeMemoryBudget
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private long _available;

    /// <summary>Creates a budget of <paramref name="capacity"/> bytes.</summary>
    public DecodeMemoryBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _available = capacity;
    }

    /// <summary>Total bytes that decodes may hold at once.</summary>
    public long Capacity { get; }

    /// <summary>Bytes not held by any lease right now.</summary>
    public long Available
    {
        get
        {
            lock (_gate)
                return _available;
        }
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/> (at most <see cref="Capacity"/>), waiting up to <paramref name="wait"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> for no limit). Returns the lease to dispose when the decode's memory is
    /// released, or null when the share was not free in time.
    /// </summary>
    public async Task<DecodeMemoryLease?> TryAcquireAsync(long bytes, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        long amount = Math.Min(bytes, Capacity);
        Waiter waiter;
        lock (_gate)
        {
            if (_queue.Count == 0 && _available >= amount)
            {
                _available -= amount;
                return new DecodeMemoryLease(this, amount);
            }
            if (wait == TimeSpan.Zero)
                return null;
            waiter = new Waiter(amount);
            waiter.Node = _queue.AddLast(waiter);
        }

        try
        {
            await waiter.Granted.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            return new DecodeMemoryLease(this, amount);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            bool granted;
            lock (_gate)
            {
                granted = waiter.Granted.Task.IsCompleted;
                if (!granted)
                {
                    _queue.Remove(waiter.Node!);
                    GrantWaiters(); // the ones behind it may fit now
                }
            }
            if (granted)
                Release(amount); // granted while timing out: hand it back
            if (e is OperationCanceledException)
                throw;
            return null;
        }
    }

    internal void Release(long amount)
    {
        lock (_gate)
        {
            _available += amount;
            GrantWaiters();
        }
    }

    private void GrantWaiters()
    {
        while (_queue.First is { } first && first.Value.Amount <= _available)
        {
            _available -= first.Value.Amount;
            _queue.RemoveFirst();
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long amount)
    {
        public long Amount { get; } = amount;
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
