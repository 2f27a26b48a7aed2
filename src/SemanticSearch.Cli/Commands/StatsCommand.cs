using System.Globalization;
using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Cli.Output;
using Spectre.Console;

namespace SemanticSearch.Cli.Commands;

/// <summary><c>semsearch stats</c>: what a catalog holds and the state of its vector index.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var dataDir = CliHost.DataDirOption();
        var command = new Command("stats", "Show counts by status, failures by reason, the model and the vector index.") { json, dataDir };
        command.SetAction(parseResult =>
        {
            using var services = CliHost.BuildForReading(parseResult.GetValue(dataDir), modelDir: null);
            var catalog = services.GetRequiredService<ICatalogStore>();
            var store = services.GetRequiredService<VectorIndexStore>();
            var stats = catalog.GetStats();
            var run = catalog.GetRecentRuns(1).FirstOrDefault();
            var indexFile = new FileInfo(store.FilePath);
            var report = new
            {
                indexed = stats.Indexed,
                failed = stats.Failed,
                deleted = stats.Deleted,
                pending = stats.Pending,
                vectors = store.Index.Count,
                model = stats.Model?.ModelId,
                dimension = stats.Model?.Dimension,
                sources = stats.Sources,
                failuresByKind = stats.FailuresByKind,
                search = store.Tiers.IsExact ? "exact" : "hnsw",
                indexFileBytes = indexFile.Exists ? indexFile.Length : 0,
                indexMemoryBytes = store.Tiers.Hnsw.MemoryBytes,
                indexMemoryMapped = store.Tiers.Hnsw.IsReadOnly,
                indexScalar = store.Tiers.Hnsw.Scalar.ToString().ToLowerInvariant(),
                expansionSearch = store.Tiers.Hnsw.ExpansionSearch,
                calibratedRecall = store.Calibration?.Recall,
                catalogBytes = stats.DatabaseBytes,
                catalogSequence = stats.Sequence,
                checkpointSequence = stats.Checkpoint?.Sequence,
                recovery = new { kind = store.Recovery.Kind.ToString(), reason = store.Recovery.Reason },
                lastRun = run is null ? null : new
                {
                    mode = run.Mode,
                    startedAt = run.StartedAt,
                    finishedAt = run.FinishedAt,
                    outcome = run.Outcome,
                    discovered = run.Counts.Discovered,
                    indexed = run.Counts.Indexed,
                    failed = run.Counts.Failed,
                    skipped = run.Counts.Skipped,
                    deleted = run.Counts.Deleted,
                },
            };
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report));
                return 0;
            }

            var counts = new Table().RoundedBorder().Title("catalog").AddColumn("").AddColumn(new TableColumn("count").RightAligned());
            counts.AddRow("indexed", N(stats.Indexed));
            counts.AddRow("pending", N(stats.Pending));
            counts.AddRow("failed", N(stats.Failed));
            counts.AddRow("deleted", N(stats.Deleted));
            counts.AddRow("sources", N(stats.Sources));
            AnsiConsole.Write(counts);
            if (stats.FailuresByKind.Count > 0)
            {
                var failures = new Table().RoundedBorder().Title("failures by reason").AddColumn("kind").AddColumn(new TableColumn("count").RightAligned());
                foreach (var (kind, count) in stats.FailuresByKind)
                    failures.AddRow(Markup.Escape(kind), N(count));
                AnsiConsole.Write(failures);
            }
            var index = new Table().RoundedBorder().Title("index").AddColumn("").AddColumn("");
            index.AddRow("model", Markup.Escape(stats.Model is { } m ? $"{m.ModelId} ({m.Dimension}-d)" : "none yet"));
            index.AddRow("vectors", N(report.vectors));
            index.AddRow("search", report.search);
            index.AddRow("storage", report.indexScalar);
            index.AddRow("search expansion", report.calibratedRecall is { } recall
                ? $"{report.expansionSearch} (calibrated: recall@10 {recall:F3} on held-out vectors)" : report.expansionSearch.ToString(CultureInfo.InvariantCulture));
            index.AddRow("index file", $"{Mb(report.indexFileBytes)} ({Markup.Escape(store.FilePath)})");
            index.AddRow("index memory", report.indexMemoryMapped ? "memory-mapped from the file" : Mb(report.indexMemoryBytes));
            index.AddRow("catalog file", Mb(report.catalogBytes));
            index.AddRow("saved up to change", $"{(report.checkpointSequence is { } saved ? N(saved) : "-")} of {N(stats.Sequence)}");
            index.AddRow("opened", Markup.Escape(store.Recovery.Reason is null ? store.Recovery.Kind.ToString() : $"{store.Recovery.Kind}: {store.Recovery.Reason}"));
            if (run is not null)
                index.AddRow("last run", Markup.Escape($"{run.Mode}, {run.StartedAt:u}, {run.Outcome ?? "unfinished"}"));
            TerminalOutput.WriteUnwrapped(index); // The index file row holds a path.
            return 0;
        });
        return command;
    }

    private static string N(long value) => NumberText.Count(value);

    private static string Mb(long bytes) => NumberText.Mebibytes(bytes);
}
