using System.Globalization;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>This process's resident memory as the kernel reports it (<c>/proc/self/status</c>, Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size in bytes (VmRSS).</summary>
    public static long Resident()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException("/proc/self/status has no VmRSS line.");
    }

    /// <summary>Samples <see cref="Resident"/> every 20 ms until <paramref name="work"/> ends; returns the highest value.</summary>
    public static async Task<long> PeakDuringAsync(Task work)
    {
        long peak = Resident();
        while (!work.IsCompleted)
        {
            peak = Math.Max(peak, Resident());
            await Task.WhenAny(work, Task.Delay(20));
        }
        await work;
        return Math.Max(peak, Resident());
    }
}
