using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler;
using SemanticSearch.Cli.Output;
using Spectre.Console;

namespace SemanticSearch.Cli.Commands;

/// <summary>
/// <c>semsearch index</c>: runs the crawler pipeline once (the same one the web app hosts), with a progress bar on
/// stderr and a summary table on stdout. Exit code 0 when the run completed (failed images are normal and listed),
/// 1 when it could not run or stopped on an error, 130 when cancelled with Ctrl+C.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var sources = new Option<string[]>("--source")
        {
            Description = "A folder or http(s) URL to index; it is added to the catalog's sources. Repeat for several. "
                + "Default: every enabled source (appsettings.json's SemanticSearch:Sources, the demo gallery, plus those added with `sources add`).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var full = new Option<bool>("--full") { Description = "Re-embed every image from its original instead of only what changed." };
        var dataDir = CliHost.DataDirOption();
        var model = CliHost.ModelOption();
        var command = new Command("index", "Find new, changed, moved and deleted images and update the catalog, thumbnails and vector index.");
        command.Options.Add(sources);
        command.Options.Add(full);
        command.Options.Add(dataDir);
        command.Options.Add(model);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(sources) ?? [], parseResult.GetValue(full), parseResult.GetValue(dataDir), parseResult.GetValue(model), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] locations, bool full, string? dataDir, string? model, CancellationToken cancellationToken)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        using var services = CliHost.Build(dataDir, model);
        ReindexService reindex;
        var sourceIds = new List<long>();
        try
        {
            var catalog = services.GetRequiredService<ICatalogStore>();
            if (!SourcesCommand.TrySync(services))
                return 1;
            foreach (var location in locations)
                sourceIds.Add(catalog.AddSource(SourcesCommand.ToSource(location)).Id);
            reindex = services.GetRequiredService<ReindexService>();
        }
        catch (Exception e) when (e is ArgumentException or OptionsValidationException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"semsearch index: {e.Message}");
            return 1;
        }

        var request = new CrawlRequest(full ? ReindexMode.Full : ReindexMode.Incremental) { SourceIds = sourceIds.Count > 0 ? sourceIds : null };
        var summary = await RunWithProgressAsync(stderr, reindex, request, cancellationToken);
        WriteSummary(AnsiConsole.Console, summary);
        // Plain lines (no markup, no wrapping) so they can be grepped and copied.
        foreach (var error in summary.LastErrors.Take(10).Reverse())
            Console.Error.WriteLine($"{error.Kind}: {error.Location}: {error.Reason}");
        if (summary.Error is not null)
            Console.Error.WriteLine($"semsearch index: {summary.Error}");
        return summary.Outcome switch
        {
            RunOutcome.Completed => 0,
            RunOutcome.Cancelled => 130,
            _ => 1,
        };
    }

    /// <summary>Runs the request through the service, drawing its progress snapshots as a bar.</summary>
    internal static async Task<CrawlRunSummary> RunWithProgressAsync(IAnsiConsole console, ReindexService reindex, CrawlRequest request, CancellationToken cancellationToken)
    {
        CrawlRunSummary? summary = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("discovering", maxValue: 1);
                task.IsIndeterminate = true;
                void Update(CrawlProgress p)
                {
                    if (p.ToProcess is { } total)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(1, total);
                        task.Value = Math.Min(task.MaxValue, p.Indexed + p.Failed);
                    }
                    task.Description = Markup.Escape(Describe(p));
                }
                reindex.ProgressChanged += Update;
                try
                {
                    summary = await reindex.RunAsync(request, cancellationToken);
                }
                finally
                {
                    reindex.ProgressChanged -= Update;
                }
                Update(reindex.Progress);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return summary!;
    }

    private static string Describe(CrawlProgress p)
    {
        var eta = p.Eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.Phase}: {NumberText.Count(p.Discovered)} found, {NumberText.Count(p.Indexed)} indexed, {NumberText.Count(p.Skipped)} unchanged, {NumberText.Count(p.Failed)} failed, {NumberText.OneDecimal(p.ImagesPerSecond)} img/s{eta}");
    }

    /// <summary>The summary table: what happened, failures by reason, time and throughput.</summary>
    internal static void WriteSummary(IAnsiConsole console, CrawlRunSummary s)
    {
        var table = new Table { Title = new TableTitle($"Indexing {s.Mode.ToString().ToLowerInvariant()}: {s.Outcome.ToString().ToLowerInvariant()}") };
        table.AddColumn("");
        table.AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("discovered", NumberText.Count(s.Discovered));
        table.AddRow("indexed", NumberText.Count(s.Indexed));
        table.AddRow("  of which reused (moved, renamed, copied)", NumberText.Count(s.Reused));
        table.AddRow("skipped (unchanged)", NumberText.Count(s.Skipped));
        table.AddRow("failed", NumberText.Count(s.Failed));
        foreach (var (kind, count) in s.FailuresByKind.OrderByDescending(k => k.Value))
            table.AddRow($"  {Markup.Escape(kind)}", NumberText.Count(count));
        table.AddRow("deleted (gone from source)", NumberText.Count(s.Deleted));
        if (s.Issues > 0)
            table.AddRow("other problems (folders, pages)", NumberText.Count(s.Issues));
        table.AddRow("time", s.Elapsed.ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture));
        table.AddRow("images/s", NumberText.OneDecimal(s.ImagesPerSecond));
        console.Write(table);
    }
}
