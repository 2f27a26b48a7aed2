using System.Diagnostics;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>Runs the built <c>semsearch</c> CLI (src/SemanticSearch.Cli/bin/&lt;configuration&gt;/net10.0/semsearch.dll) as a child process.</summary>
internal static class CliProcess
{
    /// <summary>The CLI built with the same configuration as this test assembly (the project reference builds it).</summary>
    public static string DllPath
    {
        get
        {
            // This assembly lives in tests/X/bin/<configuration>/net10.0/.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = RepoPaths.Combine("src", "SemanticSearch.Cli", "bin", configuration, "net10.0", "semsearch.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the CLI first: {path} is missing.");
        }
    }

    public static Process Start(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        return process;
    }

    /// <summary>Runs to the end and returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"semsearch {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
