using System.Diagnostics;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// CPU time of this process, reported next to wall time: on a shared, loaded machine wall time also counts the other
/// programs' turns, CPU time only this one's work.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>CPU seconds (user + system, all threads) used by this process so far.</summary>
    public static double Seconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The system's 1-minute load average (Linux), or -1 where it cannot be read.</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return -1;
        }
    }
}
