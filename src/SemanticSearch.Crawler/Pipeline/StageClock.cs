using System.Diagnostics;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>The wall-clock and thread CPU readings taken when a stage starts work on an item.</summary>
internal readonly record struct StageClock(long Timestamp, long CpuNanoseconds, int ThreadId)
{
    public static StageClock Start() => new(Stopwatch.GetTimestamp(), ThreadCpuTime.Nanoseconds(), Environment.CurrentManagedThreadId);
}
