using System.Diagnostics;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Time spent per stage, summed over all threads (so parallel stages can add up to more than the run's wall time).
/// Thread-safe and cheap enough to be always on.
/// </summary>
public sealed class StageTimings
{
    private readonly long[] _ticks = new long[Enum.GetValues<PipelineStage>().Length];
    private readonly long[] _counts = new long[Enum.GetValues<PipelineStage>().Length];

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public void Add(PipelineStage stage, long startTimestamp, int items = 1)
    {
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - startTimestamp);
        Interlocked.Add(ref _counts[(int)stage], items);
    }

    /// <summary>Total time of a stage over all threads.</summary>
    public TimeSpan Total(PipelineStage stage) => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)stage]));

    /// <summary>How many items a stage handled (images, or pages for discovery).</summary>
    public long Count(PipelineStage stage) => Interlocked.Read(ref _counts[(int)stage]);

    /// <summary>Every stage's total, in pipeline order.</summary>
    public IReadOnlyDictionary<PipelineStage, TimeSpan> Snapshot() =>
        Enum.GetValues<PipelineStage>().ToDictionary(s => s, Total);
}
