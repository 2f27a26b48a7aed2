using System.Buffers;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>
/// A pool that remembers which arrays are out and records every return of an array that is not (returned twice):
/// the shared pool would silently hand such an array to two renters. <see cref="OnReturn"/> lets a test act at the
/// exact moment a tensor comes back.
/// </summary>
internal sealed class StrictTensorPool : ArrayPool<float>
{
    private readonly Lock _gate = new();
    private readonly HashSet<float[]> _out = new(ReferenceEqualityComparer.Instance);

    public Action? OnReturn { get; set; }

    public int Returned { get; private set; }

    public int ReturnedTwice { get; private set; }

    public int Outstanding
    {
        get { lock (_gate) return _out.Count; }
    }

    public override float[] Rent(int minimumLength)
    {
        var array = new float[minimumLength];
        lock (_gate)
            _out.Add(array);
        return array;
    }

    public override void Return(float[] array, bool clearArray = false)
    {
        lock (_gate)
        {
            Returned++;
            if (!_out.Remove(array))
                ReturnedTwice++;
        }
        OnReturn?.Invoke();
    }
}
