namespace SemanticSearch.Clip.Tests.Store;

/// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; posts later, which races assertions).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
