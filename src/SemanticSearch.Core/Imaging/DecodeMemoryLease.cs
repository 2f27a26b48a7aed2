namespace SemanticSearch.Core.Imaging;

/// <summary>Bytes held from a <see cref="DecodeMemoryBudget"/>; disposing hands them back (once).</summary>
public sealed class DecodeMemoryLease : IDisposable
{
    private DecodeMemoryBudget? _budget;

    internal DecodeMemoryLease(DecodeMemoryBudget budget, long bytes)
    {
        _budget = budget;
        Bytes = bytes;
    }

    /// <summary>The bytes held.</summary>
    public long Bytes { get; }

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release(Bytes);
}
