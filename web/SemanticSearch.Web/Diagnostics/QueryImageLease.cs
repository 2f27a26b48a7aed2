using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>A query image's place among the concurrent query decodes and its decode memory; disposing frees both (once).</summary>
public sealed class QueryImageLease(DecodeMemoryLease memory, SemaphoreSlim slots) : IDisposable
{
    private int _disposed;

    /// <summary>The decode memory held.</summary>
    public long Bytes => memory.Bytes;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        memory.Dispose();
        slots.Release();
    }
}
