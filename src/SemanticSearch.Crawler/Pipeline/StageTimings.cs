using System.Diagnostics;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Time spent per stage, summed over all threads (so parallel stages can add up to more than the run's wall time):
/// wall-clock time, and the CPU time of the thread doing the work. Thread-safe and cheap enough to be always on.
/// </summary>
public sealed class StageTimings
{
    private static readonly int Stages = Enum.GetValues<PipelineStage>().Length;
    private readonly long[] _ticks = new long[Stages];
    private readonly long[] _cpuNanoseconds = new long[Stages];
    private readonly long[] _counts = new long[Stages];

    /// <summary>True when <see cref="Cpu"/> measures thread CPU time (Linux); false means CPU figures are zero.</summary>
    public static bool CpuTimeAvailable => ThreadCpuTime.IsAvailable;

    /// <summary>Adds the time since <paramref name="start"/>.</summary>
    internal void Add(PipelineStage stage, StageClock start, int items = 1)
    {
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - start.Timestamp);
        // Work that moved to another thread (an await) has no meaningful thread CPU reading: left out.
        if (start.ThreadId == Environment.CurrentManagedThreadId)
            Interlocked.Add(ref _cpuNanoseconds[(int)stage], ThreadCpuTime.Nanoseconds() - start.CpuNanoseconds);
        Interlocked.Add(ref _counts[(int)stage], items);
    }

    /// <summary>Wall-clock time of a stage over all threads.</summary>
    public TimeSpan Total(PipelineStage stage) => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)stage]));

    /// <summary>
    /// CPU time of the threads running a stage. For <see cref="PipelineStage.Encode"/> this is the calling thread
    /// only: ONNX Runtime's own intra-op threads are not included.
    /// </summary>
    public TimeSpan Cpu(PipelineStage stage) => TimeSpan.FromTicks(Interlocked.Read(ref _cpuNanoseconds[(int)stage]) / 100);

    /// <summary>How many items a stage handled (images, or pages for discovery).</summary>
    public long Count(PipelineStage stage) => Interlocked.Read(ref _counts[(int)stage]);

    /// <summary>Every stage's wall-clock total, in pipeline order.</summary>
    public IReadOnlyDictionary<PipelineStage, TimeSpan> Snapshot() =>
        Enum.GetValues<PipelineStage>().ToDictionary(s => s, Total);
}
