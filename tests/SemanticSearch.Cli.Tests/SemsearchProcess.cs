using System.Diagnostics;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>Runs the built <c>semsearch</c> as a child process, so each run reads its settings and catalog afresh.</summary>
internal static class SemsearchProcess
{
    // This assembly lives in tests/X/bin/<configuration>/net10.0/; the CLI is built with the same configuration.
    private static string Dll => RepoPaths.Combine("src", "SemanticSearch.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "semsearch.dll");

    /// <summary>
    /// Runs with standard output on a real pseudo-terminal <paramref name="columns"/> wide (util-linux <c>script</c>),
    /// the way a person at a terminal sees it; returns the exit code and what the terminal showed (output and errors).
    /// </summary>
    public static async Task<(int Exit, string Screen)> RunInTerminalAsync(string workingDirectory, int columns, params string[] arguments)
    {
        var command = $"stty cols {columns} rows 50; exec dotnet {Quote(Dll)} {string.Join(' ', arguments.Select(Quote))}";
        var info = new ProcessStartInfo("script")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-q", "-e", "-c", command, "/dev/null"])
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["TERM"] = "xterm";
        info.Environment.Remove("COLUMNS");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("script did not start.");
        process.StandardInput.Close();
        var screen = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"semsearch {string.Join(' ', arguments)} did not finish within 2 minutes in a terminal.");
        }
        return (process.ExitCode, (await screen).Replace("\r\n", "\n") + await errors);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''") + "'";

    /// <summary>Runs to the end in <paramref name="workingDirectory"/>; returns exit code, stdout and stderr.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        // A pipe, as in `semsearch ... | cut -f2`: no terminal width to read, so none is made up here either.
        info.Environment.Remove("COLUMNS");
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
