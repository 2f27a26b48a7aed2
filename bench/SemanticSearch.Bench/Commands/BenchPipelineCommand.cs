using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Crawler;
using SemanticSearch.Crawler.Pipeline;
using Spectre.Console;

namespace SemanticSearch.Bench.Commands;

/// <summary>
/// <c>semsearch bench pipeline</c>: crawler throughput on a folder (the demo gallery by default) with the configured
/// model, split by stage. Two runs in one process: a cold full index (every image read, decoded, embedded, written)
/// and a rescan with nothing changed (change detection only). Figures are ratios from this one run.
/// </summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var images = new Option<string?>("--images") { Description = "Folder of images to index (default: demo-gallery)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Data folder to index into (default: a temporary folder, deleted afterwards)." };
        var model = CliHost.ModelOption();
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON instead of tables." };
        var command = new Command("pipeline", "Crawler throughput on the demo gallery, split by stage (discover, read, hash/change-detect, decode, preprocess, thumbnails, encode, write).");
        command.Options.Add(images);
        command.Options.Add(dataDir);
        command.Options.Add(model);
        command.Options.Add(json);
        command.SetAction((parseResult, ct) => RunAsync(parseResult.GetValue(images), parseResult.GetValue(dataDir), parseResult.GetValue(model), parseResult.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? imagesDir, string? dataDir, string? modelDir, bool json, CancellationToken ct)
    {
        var folder = AppPaths.Resolve(string.IsNullOrWhiteSpace(imagesDir) ? "demo-gallery" : imagesDir);
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"semsearch bench pipeline: no folder {folder} (give --images DIR).");
            return 2;
        }
        var temporary = string.IsNullOrWhiteSpace(dataDir);
        var data = temporary ? Path.Combine(Path.GetTempPath(), $"semsearch-bench-{Guid.NewGuid():N}") : dataDir!;
        try
        {
            using var services = CliHost.Build(data, modelDir);
            var loading = Stopwatch.StartNew();
            var model = services.GetRequiredService<IEmbeddingModel>(); // Loaded here so no run pays for it.
            var modelLoad = loading.Elapsed;
            var catalog = services.GetRequiredService<ICatalogStore>();
            var source = catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = Path.GetFullPath(folder) });
            var pipeline = services.GetRequiredService<IndexingPipeline>();

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var cold = await pipeline.RunAsync(new CrawlRequest(ReindexMode.Full) { SourceIds = [source.Id] }, ct);
            var processCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var rescan = await pipeline.RunAsync(new CrawlRequest(ReindexMode.Incremental) { SourceIds = [source.Id] }, ct);
            if (cold.Outcome != RunOutcome.Completed || rescan.Outcome != RunOutcome.Completed)
            {
                Console.Error.WriteLine($"semsearch bench pipeline: run {cold.Outcome}/{rescan.Outcome}: {cold.Error ?? rescan.Error}");
                return 1;
            }
            var report = Report(folder, model, modelLoad, cold, rescan, processCpu);
            if (json)
                Console.Out.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            else
                Write(report);
            return 0;
        }
        finally
        {
            if (temporary && Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }

    private sealed record StageRow(string Stage, double WallSeconds, double CpuSeconds, double CpuShare, double CpuMsPerImage);

    private sealed record BenchReport(
        string Images, string Model, int Dimension, int Cores, int Workers, int BatchSize, double ModelLoadSeconds,
        long Indexed, long Failed, double WallSeconds, double ImagesPerSecond, bool CpuTimeMeasured, IReadOnlyList<StageRow> Stages,
        double ProcessCpuSeconds, double UnattributedCpuSeconds, string LargestStage, double DecodePlusPreprocessPerEncode,
        double ThumbnailPerDecode, long RescanSkipped, double RescanWallSeconds, double RescanImagesPerSecond, double RescanSpeedup);

    private static BenchReport Report(string folder, IEmbeddingModel model, TimeSpan modelLoad, CrawlRunSummary cold, CrawlRunSummary rescan, TimeSpan processCpu)
    {
        var images = Math.Max(1, cold.Indexed + cold.Failed);
        var t = cold.Timings;
        var cpuAvailable = StageTimings.CpuTimeAvailable;
        // Shares are of CPU time where it is measured: waiting for a core on a busy machine does not count.
        double Cost(PipelineStage s) => cpuAvailable ? t.Cpu(s).TotalSeconds : t.Total(s).TotalSeconds;
        var all = Enum.GetValues<PipelineStage>();
        var total = all.Sum(Cost);
        var stages = all.Select(s => new StageRow(Name(s), t.Total(s).TotalSeconds, t.Cpu(s).TotalSeconds,
            total > 0 ? Cost(s) / total : 0, Cost(s) * 1000 / images)).ToList();
        var encode = Cost(PipelineStage.Encode);
        var decode = Cost(PipelineStage.Decode);
        var rescanSeconds = rescan.Elapsed.TotalSeconds;
        return new BenchReport(
            folder, model.ModelId, model.Dimension, Environment.ProcessorCount, cold.Workers, cold.BatchSize, modelLoad.TotalSeconds,
            cold.Indexed, cold.Failed, cold.Elapsed.TotalSeconds, cold.ImagesPerSecond, cpuAvailable, stages,
            processCpu.TotalSeconds, Math.Max(0, processCpu.TotalSeconds - all.Sum(s => t.Cpu(s).TotalSeconds)),
            stages.MaxBy(s => s.CpuShare)!.Stage,
            encode > 0 ? (decode + Cost(PipelineStage.Preprocess)) / encode : 0,
            decode > 0 ? Cost(PipelineStage.Thumbnail) / decode : 0,
            rescan.Skipped, rescanSeconds, rescanSeconds > 0 ? rescan.Skipped / rescanSeconds : 0,
            rescanSeconds > 0 ? cold.Elapsed.TotalSeconds / rescanSeconds : 0);
    }

    private static string Name(PipelineStage stage) => stage switch
    {
        PipelineStage.ChangeDetect => "hash/change-detect",
        PipelineStage.Thumbnail => "thumbnails",
        _ => stage.ToString().ToLowerInvariant(),
    };

    private static void Write(BenchReport r)
    {
        string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);
        AnsiConsole.MarkupLine(Markup.Escape($"bench pipeline: {r.Indexed} images from {r.Images}, model {r.Model} ({r.Dimension}-d), "
            + $"{r.Cores} cores, {r.Workers} decode workers, batch {r.BatchSize}; model load {F(r.ModelLoadSeconds)} s (not counted)"));
        var basis = r.CpuTimeMeasured ? "thread CPU time" : "wall-clock time (no CPU clock here)";
        var table = new Table { Title = new TableTitle($"Cold full index: where the time goes (share of {basis})") };
        table.AddColumn("stage");
        table.AddColumn(new TableColumn("wall s (all threads)").RightAligned());
        table.AddColumn(new TableColumn("CPU s").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        table.AddColumn(new TableColumn("ms/image").RightAligned());
        foreach (var s in r.Stages)
            table.AddRow(s.Stage, F(s.WallSeconds, "0.000"), F(s.CpuSeconds, "0.000"), F(s.CpuShare * 100, "0.0") + " %", F(s.CpuMsPerImage, "0.000"));
        AnsiConsole.Write(table);
        var summary = new Table { ShowHeaders = false };
        summary.AddColumn("");
        summary.AddColumn(new TableColumn("").RightAligned());
        summary.AddRow("cold run: wall time", F(r.WallSeconds) + " s");
        summary.AddRow("cold run: images/s", F(r.ImagesPerSecond, "0.0"));
        summary.AddRow("process CPU during the cold run", F(r.ProcessCpuSeconds) + " s");
        summary.AddRow("  not in a stage (ONNX intra-op threads, GC, JIT)", F(r.UnattributedCpuSeconds) + " s");
        summary.AddRow("largest stage", r.LargestStage);
        summary.AddRow("(decode + preprocess) ÷ encode", F(r.DecodePlusPreprocessPerEncode) + "×");
        summary.AddRow("thumbnails ÷ decode", F(r.ThumbnailPerDecode) + "×");
        summary.AddRow("rescan, nothing changed: wall time", F(r.RescanWallSeconds, "0.000") + " s");
        summary.AddRow("rescan: images checked/s", F(r.RescanImagesPerSecond, "0"));
        summary.AddRow("rescan speed-up over cold index", F(r.RescanSpeedup, "0.0") + "×");
        AnsiConsole.Write(summary);
    }
}
