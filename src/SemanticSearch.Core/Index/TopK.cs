namespace SemanticSearch.Core.Index;

/// <summary>Keeps the <c>k</c> best-scoring keys seen so far with a min-heap (O(n log k)).</summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly PriorityQueue<long, float> _heap;

    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        _k = k;
        _heap = new PriorityQueue<long, float>(Math.Min(k, 4096) + 1);
    }

    public void Offer(long key, float score)
    {
        if (_k == 0)
            return;
        if (_heap.Count < _k)
            _heap.Enqueue(key, score);
        else if (_heap.TryPeek(out _, out var worst) && score > worst)
            _heap.DequeueEnqueue(key, score);
    }

    /// <summary>The kept matches, best first (ties by key, so results are deterministic).</summary>
    public List<VectorMatch> ToList()
    {
        var list = new List<VectorMatch>(_heap.Count);
        foreach (var (key, score) in _heap.UnorderedItems)
            list.Add(new VectorMatch(key, score));
        list.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Key.CompareTo(b.Key));
        return list;
    }
}
