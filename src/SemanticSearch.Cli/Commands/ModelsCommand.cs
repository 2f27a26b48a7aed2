using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SemanticSearch.Clip;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Cli.Output;
using Spectre.Console;

namespace SemanticSearch.Cli.Commands;

/// <summary><c>semsearch models list|pull|use</c>: the models the store knows and downloads, and which one answers.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the known CLIP models, download them, and switch the catalog to one.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreatePull());
        command.Subcommands.Add(ModelsUseCommand.Create());
        return command;
    }

    /// <summary>The store over <c>&lt;data-dir&gt;/models/</c> with the known models of the settings.</summary>
    private static ModelStore CreateStore(string? dataDir, string? baseUrl)
    {
        var settings = CliHost.Settings(dataDir, null);
        var options = settings.GetSection(ModelStoreOptions.SectionName).Get<ModelStoreOptions>() ?? new ModelStoreOptions();
        if (!string.IsNullOrWhiteSpace(baseUrl))
            options.BaseUrl = baseUrl;
        return new ModelStore(options, new DataFolder(settings["SemanticSearch:DataDirectory"]).ModelsDirectory);
    }

    private static Command CreateList()
    {
        var dataDir = CliHost.DataDirOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "Show the known models, the bundled demo model, which are installed, which answers and which is pending.");
        command.Options.Add(dataDir);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            ModelStore store;
            try
            {
                store = CreateStore(parseResult.GetValue(dataDir), null);
            }
            catch (ModelStoreException e)
            {
                Console.Error.WriteLine($"semsearch models list: {e.Message}");
                return 1;
            }
            using var _ = store;
            var catalog = CatalogModels.Read(parseResult.GetValue(dataDir));
            var demo = AppPaths.Resolve(ClipModelOptions.DefaultPath);
            var rows = new List<(string Name, string Source, long? Size, bool Installed, string Path, KnownModel? Known)>
            {
                ("clip-demo (bundled)", "this repository", null, File.Exists(Path.Combine(demo, "onnx", "vision_model.onnx")), demo, null),
            };
            rows.AddRange(store.Known.Select(m => (m.Name, $"{m.Repository}@{m.Revision}", m.TotalSize, store.IsInstalled(m.Name), store.InstallPath(m.Name), (KnownModel?)m)));
            // Folders copied into models/ by hand (or pulled from a list that has changed since).
            if (Directory.Exists(store.ModelsDirectory))
            {
                rows.AddRange(Directory.EnumerateDirectories(store.ModelsDirectory).Order(StringComparer.Ordinal)
                    .Where(dir => File.Exists(Path.Combine(dir, ModelStore.CompletionMarker)) && store.Find(Path.GetFileName(dir)) is null)
                    .Select(dir => (Path.GetFileName(dir), "installed by hand", (long?)null, true, dir, (KnownModel?)null)));
            }
            var ids = rows.Select(r => r.Installed ? ModelIdOf(r.Path) : null).ToList();

            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(
                    rows.Select((r, i) => new
                    {
                        name = r.Name, source = r.Source, sizeBytes = r.Size, installed = r.Installed, path = r.Path, modelId = ids[i],
                        answering = ids[i] is { } id && id == catalog.Answering, pending = ids[i] is { } p && p == catalog.Pending,
                        storedVectors = ids[i] is { } v ? catalog.Vectors.GetValueOrDefault(v) : 0,
                        dimension = r.Known?.Dimension, inputSize = r.Known?.InputSize, licence = r.Known?.Licence,
                        approximateSizeMegabytes = r.Known?.ApproximateSizeMegabytes,
                        recall = r.Known?.Recall.Select(x => new { language = x.Language, percent = x.Percent, source = x.Source }),
                    })));
                return 0;
            }
            var table = new Table().AddColumns("Model", "Source", "Size", "Dim", "Licence", "Recall (en)", "Installed", "State", "Folder");
            foreach (var (r, id) in rows.Zip(ids))
            {
                var state = id is null ? "" : id == catalog.Answering ? "[green]answering[/]" : id == catalog.Pending ? "[yellow]pending[/]" : "";
                var size = r.Size is { } s ? NumberText.Mebibytes(s) : r.Known?.ApproximateSizeMegabytes is { } mb ? $"~{mb} MB" : "?";
                var english = r.Known?.Recall.FirstOrDefault(x => x.Language == "English") is { } en ? $"{en.Percent:0.##} %" : "";
                table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Source), size, r.Known?.Dimension?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(r.Known?.Licence ?? ""), english, r.Installed ? "[green]yes[/]" : "no", state, Markup.Escape(r.Path));
            }
            AnsiConsole.Write(table);
            if (catalog.Pending is { } pending && ids.All(id => id != pending))
                Console.Out.WriteLine($"A switch to {pending} is pending.");
            Console.Out.WriteLine("Pull one with `semsearch models pull NAME`, then switch to it with `semsearch models use NAME`.");
            return 0;
        });
        return command;
    }

    /// <summary>The model id the folder's model reports (what the catalog stores with its vectors), or null when it cannot be read.</summary>
    private static string? ModelIdOf(string folder)
    {
        try
        {
            return ClipModelFolder.Open(folder).ModelId;
        }
        catch (Exception e) when (e is ClipModelException or IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Command CreatePull()
    {
        var name = new Argument<string>("name") { Description = "Model name as shown by `semsearch models list`." };
        var dataDir = CliHost.DataDirOption();
        var baseUrl = new Option<string?>("--base-url") { Description = "Download server (default: SemanticSearch:Models:BaseUrl, https://huggingface.co)." };
        var force = new Option<bool>("--force") { Description = "Download again even if the model is installed." };
        var command = new Command("pull", "Download a known model (resumable, verified, installed atomically).");
        command.Arguments.Add(name);
        command.Options.Add(dataDir);
        command.Options.Add(baseUrl);
        command.Options.Add(force);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var model = parseResult.GetValue(name)!;
            // Progress goes to stderr so stdout carries only the installed folder.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            try
            {
                using var store = CreateStore(parseResult.GetValue(dataDir), parseResult.GetValue(baseUrl));
                var folder = await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                        new TransferSpeedColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var tasks = new Dictionary<string, ProgressTask>();
                        var progress = new Progress<ModelPullProgress>(p =>
                        {
                            lock (tasks)
                            {
                                if (!tasks.TryGetValue(p.File, out var task))
                                    tasks[p.File] = task = context.AddTask(Markup.Escape(p.File), maxValue: p.FileTotal ?? 1);
                                task.IsIndeterminate = p.FileTotal is null && !p.FileDone;
                                if (p.FileTotal is { } total)
                                    task.MaxValue = Math.Max(1, total);
                                // Progress<T> may deliver reports out of order; never move a bar backwards.
                                task.Value = p.FileDone ? task.MaxValue : Math.Max(task.Value, p.FileBytes);
                                if (p.FileDone)
                                    task.StopTask();
                            }
                        });
                        return await store.PullAsync(model, progress, parseResult.GetValue(force), cancellationToken);
                    });
                console.MarkupLine($"[green]Installed[/] {Markup.Escape(model)} in {Markup.Escape(folder)}");
                Console.Out.WriteLine(folder);
                return 0;
            }
            catch (ModelStoreException e)
            {
                Console.Error.WriteLine($"semsearch models pull: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("semsearch models pull: interrupted; run the same command again to resume.");
                return 130;
            }
        });
        return command;
    }
}
