using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SemanticSearch.Cli;

/// <summary>
/// CPU time of the calling thread (Linux: clock_gettime(CLOCK_THREAD_CPUTIME_ID), nanoseconds). Benchmarks on a shared
/// machine time single-threaded work with it: time spent waiting for a core does not count, so ratios measured
/// minutes apart stay comparable. Elsewhere it falls back to wall-clock time.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport rather than LibraryImport: the CLI project does not enable unsafe code for one call.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>True when <see cref="Now"/> measures CPU time rather than wall-clock time.</summary>
    public static bool IsCpuTime { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>Seconds of CPU time the calling thread has used (or a wall-clock reading).</summary>
    public static double Now()
    {
        if (IsCpuTime && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
            return time.Seconds + time.Nanoseconds / 1e9;
        return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
