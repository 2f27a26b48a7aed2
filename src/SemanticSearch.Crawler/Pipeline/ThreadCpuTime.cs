using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)). Stage CPU times do not grow when
/// a busy machine makes threads wait for a core, so benchmark ratios stay meaningful on shared hardware.
/// </summary>
public static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>False where the clock is missing (non-Linux): CPU figures are then zero.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>Nanoseconds of CPU the calling thread has used, or 0 when unavailable.</summary>
    public static long Nanoseconds() =>
        IsAvailable && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;

    /// <summary>Seconds of CPU the calling thread has used, or a wall-clock reading where the clock is unavailable.</summary>
    public static double Seconds() =>
        IsAvailable ? Nanoseconds() / 1e9 : Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

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
