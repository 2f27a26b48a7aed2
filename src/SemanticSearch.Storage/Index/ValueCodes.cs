namespace SemanticSearch.Storage.Index;

/// <summary>
/// Gives each distinct value a small code (1, 2, …; 0 stays free for "none"), so per-image columns hold an int instead
/// of the value. Codes are never reused; not thread-safe (the owner locks).
/// </summary>
internal sealed class ValueCodes<T> where T : notnull
{
    private readonly Dictionary<T, int> _codes = [];
    private readonly List<T> _values = [];

    /// <summary>The highest code handed out.</summary>
    public int Count => _values.Count;

    /// <summary>The value of a code from 1 to <see cref="Count"/>.</summary>
    public T this[int code] => _values[code - 1];

    /// <summary>The code of <paramref name="value"/>, handing out the next one the first time it is seen.</summary>
    public int CodeOf(T value)
    {
        if (!_codes.TryGetValue(value, out var code))
        {
            _values.Add(value);
            code = _values.Count;
            _codes.Add(value, code);
        }
        return code;
    }
}
