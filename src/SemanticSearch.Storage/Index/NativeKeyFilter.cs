using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SemanticSearch.Core.Index;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// Carries an <see cref="IVectorKeyFilter"/> through the native filtered search: the callback is a static
/// <see cref="UnmanagedCallersOnlyAttribute"/> function (no delegate the GC could collect) and finds this object through
/// the state pointer, a GCHandle held for the duration of one call. Exceptions never cross into native code: the first
/// is kept, the candidate rejected, and the caller rethrows it once the search returned.
/// </summary>
internal sealed unsafe class NativeKeyFilter(IVectorKeyFilter filter) : IDisposable
{
    private readonly IVectorKeyFilter _filter = filter;
    private GCHandle _handle;

    /// <summary>What the filter threw, if anything.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The callback to pass to <c>usearch_filtered_search</c>.</summary>
    public static delegate* unmanaged[Cdecl]<ulong, nint, int> Callback => &Accepts;

    /// <summary>The state pointer to pass with <see cref="Callback"/>; valid until disposed.</summary>
    public nint State
    {
        get
        {
            if (!_handle.IsAllocated)
                _handle = GCHandle.Alloc(this);
            return GCHandle.ToIntPtr(_handle);
        }
    }

    /// <summary>Throws what the filter threw during the search.</summary>
    public void ThrowIfFailed()
    {
        if (Failure is { } failure)
            throw new InvalidOperationException("The search filter failed.", failure);
    }

    public void Dispose()
    {
        if (_handle.IsAllocated)
            _handle.Free();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Accepts(ulong key, nint state)
    {
        var self = (NativeKeyFilter)GCHandle.FromIntPtr(state).Target!;
        try
        {
            return self.Failure is null && self._filter.Accepts((long)key) ? 1 : 0;
        }
        catch (Exception e)
        {
            self.Failure ??= e;
            return 0;
        }
    }
}
