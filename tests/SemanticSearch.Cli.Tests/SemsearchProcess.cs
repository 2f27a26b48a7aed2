using System.Diagnostics;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>Runs the built <c>semsearch</c> as a child process, so each run reads its settings and catalog afresh.</summary>
internal static class SemsearchProcess
{
    /// <summary>Runs to the end in <paramref name="workingDirectory"/>; returns exit code, stdout and stderr.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, params string[] arguments)
    {
        // This assembly lives in tests/X/bin/<configuration>/net10.0/; the CLI is built with the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = RepoPaths.Combine("src", "SemanticSearch.Cli", "bin", configuration, "net10.0", "semsearch.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["COLUMNS"] = "400"; // Tables keep whole paths on one line.
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"semsearch {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
