namespace SemanticSearch.Core.Index;

/// <summary>
/// Decides per key whether a filtered search may return it. Called once per candidate while the index walks its
/// graph, possibly from several native threads at once: it must be fast, thread-safe and must not throw.
/// </summary>
public interface IVectorKeyFilter
{
    /// <summary>True when the key may be returned.</summary>
    bool Accepts(long key);
}
