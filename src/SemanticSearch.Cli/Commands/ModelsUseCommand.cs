using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Clip.Store;
using SemanticSearch.Cli.Output;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Models;
using SemanticSearch.Crawler.Models;

namespace SemanticSearch.Cli.Commands;

/// <summary>
/// <c>semsearch models use NAME|DIR</c>: the admin page's switch, run in the foreground. Every indexed image is embedded
/// with the new model (kept vectors are reused), then the catalog flips to it in one transaction and records the choice,
/// which the web host and the other verbs follow. Interrupted, it keeps what it embedded and resumes on the next run.
/// </summary>
internal static class ModelsUseCommand
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A known or installed model's name (see `semsearch models list`), or a model folder inside <data-dir>/models/." };
        var variant = new Option<string?>("--variant") { Description = "ONNX export to load: Auto (default), Fp32, Quantized or Fp16." };
        var dataDir = CliHost.DataDirOption();
        var command = new Command("use", "Switch the catalog to another model: embed every image with it, then flip at once.");
        command.Arguments.Add(model);
        command.Options.Add(variant);
        command.Options.Add(dataDir);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(model)!, parseResult.GetValue(variant), parseResult.GetValue(dataDir), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string argument, string? variant, string? dataDir, CancellationToken cancellationToken)
    {
        using var provider = CliHost.Build(dataDir, null, modelService: true);
        var service = provider.GetRequiredService<ModelService>();
        var choice = ChoiceOf(argument, variant, provider.GetRequiredService<ModelStore>());
        try
        {
            await service.WhenSettledAsync(cancellationToken);
            var started = await StartAsync(service, choice, cancellationToken);
            Console.Error.WriteLine($"Switching to {started.Model}: {Describe(started)}");
            await WatchAsync(service, cancellationToken);
        }
        catch (ModelChoiceException e)
        {
            Console.Error.WriteLine($"semsearch models use: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("semsearch models use: interrupted; the vectors embedded so far are kept, and the same command (or the web host) resumes the switch.");
            return 130;
        }
        if (service.Pending is { } ended)
        {
            Console.Error.WriteLine($"semsearch models use: the switch to {ended.Model} {(ended.Phase == ModelSwitchPhase.Cancelled ? "was cancelled" : "failed: " + ended.Problem)}");
            return 1;
        }
        Console.Out.WriteLine($"{service.AnsweringModel} answers searches now.");
        return 0;
    }

    /// <summary>A known or installed name when the store has it, else a folder when one is there, else a name (which then fails as unknown).</summary>
    private static ModelChoice ChoiceOf(string argument, string? variant, ModelStore store)
    {
        var isName = store.Find(argument) is not null || (IsPlainName(argument) && store.IsInstalled(argument));
        return isName || !Directory.Exists(AppPaths.Resolve(argument))
            ? new ModelChoice { Name = argument, Variant = variant }
            : new ModelChoice { Path = AppPaths.Resolve(argument), Variant = variant };
    }

    private static bool IsPlainName(string argument) =>
        !Path.IsPathRooted(argument) && !argument.Split('/', '\\').Any(part => part is "" or "." or "..");

    /// <summary>Starts the switch; a switch the previous run left (resumed by the service as it loaded) is waited for first.</summary>
    private static async Task<ModelSwitchProgress> StartAsync(ModelService service, ModelChoice choice, CancellationToken cancellationToken)
    {
        try
        {
            return await service.SwitchAsync(choice, cancellationToken);
        }
        catch (ModelChoiceException e) when (e.Problem == ModelChoiceProblem.Conflict && service.Pending is { } resumed)
        {
            Console.Error.WriteLine($"Finishing the interrupted switch to {resumed.Model} first.");
            await WatchAsync(service, cancellationToken);
            return await service.SwitchAsync(choice, cancellationToken);
        }
    }

    /// <summary>Reports progress on standard error about once a second until the switch ends.</summary>
    private static async Task WatchAsync(ModelService service, CancellationToken cancellationToken)
    {
        var ends = service.WhenSwitchEndsAsync();
        var reported = Stopwatch.StartNew();
        while (!ends.IsCompleted)
        {
            await Task.WhenAny(ends, Task.Delay(ReportEvery / 4, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (reported.Elapsed >= ReportEvery && service.Pending is { } progress)
            {
                Console.Error.WriteLine($"{progress.Model}: {Describe(progress)}");
                reported.Restart();
            }
        }
        await ends;
    }

    private static string Describe(ModelSwitchProgress p) =>
        $"{NumberText.Count(p.Embedded)} of {NumberText.Count(p.Total)} images embedded ({p.Phase.ToString().ToLowerInvariant()}).";
}
