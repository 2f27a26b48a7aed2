using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SemanticSearch.Bench.Scale;
using SemanticSearch.Storage.Index;
using Spectre.Console;

namespace SemanticSearch.Bench.Commands;

/// <summary>
/// <c>semsearch bench scale</c>: the whole product at size. Builds a data folder of N synthetic images through the
/// catalog's batch write and the vector index store, then measures build, cold start, memory, recall, latency,
/// concurrency, filtered search and a rebuild from the catalog.
/// </summary>
internal static class BenchScaleCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var n = new Option<int>("--n") { Description = "Images in the data folder.", DefaultValueFactory = _ => 1_000_000 };
        var generator = new Option<string>("--generator") { Description = "spectral: decaying eigen-spectrum, power-law cluster sizes (as hard as CLIP); clustered: isotropic clusters (easier).", DefaultValueFactory = _ => ScaleSettings.Spectral };
        generator.AcceptOnlyFromAmong(ScaleSettings.Spectral, ScaleSettings.Clustered);
        var scalar = new Option<string>("--scalar") { Description = "Index storage, comma-separated (f32, f16, i8): one run and one JSON object each.", DefaultValueFactory = _ => "f16" };
        var demo = new Option<string?>("--demo") { Description = "Use real embeddings instead: every image of this folder (e.g. demo-gallery) embedded by the model; each also serves as a query." };
        var modelDir = CliHost.ModelOption();
        var dim = new Option<int>("--dim") { Description = "Vector dimension (CLIP ViT-B/32: 512).", DefaultValueFactory = _ => 512 };
        var intrinsic = new Option<double>("--intrinsic-dim") { Description = "Spectral generator: intrinsic dimension (participation ratio of the spectrum).", DefaultValueFactory = _ => 40 };
        var powerLaw = new Option<double>("--power-law") { Description = "Spectral generator: exponent of the cluster sizes.", DefaultValueFactory = _ => 1.0 };
        var spread = new Option<float>("--spread") { Description = "Spectral generator: spread inside a cluster relative to the centres'.", DefaultValueFactory = _ => 0.7f };
        var noise = new Option<float>("--noise") { Description = "Clustered generator: noise norm around each unit centre.", DefaultValueFactory = _ => 0.7f };
        var clusters = new Option<int>("--clusters") { Description = "Clusters of the synthetic data (0: n / 100).", DefaultValueFactory = _ => 0 };
        var queries = new Option<int>("--queries") { Description = "Queries per measurement.", DefaultValueFactory = _ => 200 };
        var connectivity = new Option<int>("--connectivity") { Description = "HNSW connectivity (M).", DefaultValueFactory = _ => 16 };
        var expansionAdd = new Option<int>("--expansion-add") { Description = "HNSW expansion while adding.", DefaultValueFactory = _ => 128 };
        var ef = new Option<int>("--ef") { Description = "HNSW expansion while searching (the product's SemanticSearch:Index:ExpansionSearch).", DefaultValueFactory = _ => 64 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers (0: one per core).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Images per catalog transaction while building.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data.", DefaultValueFactory = _ => 42 };
        var dataDir = new Option<string?>("--data-dir") { Description = "Build the data folder here and keep it (default: a temp folder, deleted afterwards). Must not exist yet." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (n, build_s, cold_start_s, rss_mb, recall_at_10, filtered, ...)." };

        var command = new Command("scale", "The whole product at size: build, cold start, memory, recall, latency, concurrency and filters on N synthetic images.")
        {
            n, generator, scalar, demo, modelDir, dim, intrinsic, powerLaw, spread, noise, clusters, queries, connectivity, expansionAdd, ef, concurrency, batch, seed, dataDir, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            List<VectorScalar> scalars;
            try
            {
                scalars = [.. parseResult.GetValue(scalar)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => Enum.Parse<VectorScalar>(s, ignoreCase: true)).Distinct()];
            }
            catch (ArgumentException)
            {
                Console.Error.WriteLine("semsearch: --scalar takes f32, f16 and i8, comma-separated.");
                return 2;
            }
            var settings = new ScaleSettings(
                N: parseResult.GetValue(n), Dimension: parseResult.GetValue(dim), Generator: parseResult.GetValue(generator)!,
                Scalar: scalars.FirstOrDefault(VectorScalar.F16),
                IntrinsicDimension: parseResult.GetValue(intrinsic), PowerLaw: parseResult.GetValue(powerLaw), Spread: parseResult.GetValue(spread),
                Noise: parseResult.GetValue(noise), Clusters: parseResult.GetValue(clusters), Queries: parseResult.GetValue(queries),
                Connectivity: parseResult.GetValue(connectivity), ExpansionAdd: parseResult.GetValue(expansionAdd), ExpansionSearch: parseResult.GetValue(ef),
                Concurrency: parseResult.GetValue(concurrency) is > 0 and var c ? c : Environment.ProcessorCount,
                BatchSize: parseResult.GetValue(batch), Seed: parseResult.GetValue(seed));
            var demoDir = parseResult.GetValue(demo);
            var problem = scalars.Count == 0 ? "--scalar names no storage." : Problem(settings, demoDir is not null);
            if (problem is not null)
            {
                Console.Error.WriteLine($"semsearch: {problem}");
                return 2;
            }
            var kept = parseResult.GetValue(dataDir);
            if (kept is not null && Directory.Exists(kept) && Directory.EnumerateFileSystemEntries(kept).Any())
            {
                Console.Error.WriteLine($"semsearch: {kept} is not empty; bench scale builds a new data folder.");
                return 2;
            }
            if (demoDir is not null && !Directory.Exists(demoDir))
            {
                Console.Error.WriteLine($"semsearch: --demo {demoDir} is not a folder.");
                return 2;
            }
            Func<ScaleSettings, VectorSource> source = VectorSource.Synthetic;
            if (demoDir is not null)
            {
                var (vectors, dimension) = BenchAnnCommand.EmbedFolder(demoDir, parseResult.GetValue(modelDir), cancellationToken);
                settings = settings with { N = vectors.Length / dimension, Dimension = dimension, Generator = ScaleSettings.Demo };
                source = s => VectorSource.Fixed(vectors, dimension, s.BatchSize);
            }
            foreach (var storage in scalars)
            {
                var run = settings with { Scalar = storage };
                var report = await RunAsync(run, source(run), kept, cancellationToken);
                if (parseResult.GetValue(json))
                    Console.Out.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
                else
                    Write(report);
            }
            return 0;
        });
        return command;
    }

    /// <summary>One run in its own data folder: under <paramref name="kept"/> (kept), or a temp folder (deleted).</summary>
    private static async Task<ScaleReport> RunAsync(ScaleSettings settings, VectorSource source, string? kept, CancellationToken ct)
    {
        var name = $"{settings.Generator}-{settings.Scalar.ToString().ToLowerInvariant()}";
        var folder = kept is not null ? Path.Combine(kept, name) : Path.Combine(Path.GetTempPath(), $"semsearch-bench-scale-{name}-{Guid.NewGuid():N}");
        try
        {
            return await new ScaleRun(settings, source, folder, m => Console.Error.WriteLine($"[bench scale {name}] {m}")).RunAsync(ct);
        }
        finally
        {
            if (kept is null && Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Limits checked before anything is generated.</summary>
    private static string? Problem(ScaleSettings s, bool demo) =>
        !demo && s.N is < 100 or > 100_000_000 ? "--n must be 100-100,000,000."
        : s.Dimension is < 2 or > 4096 ? "--dim must be 2-4096."
        : s.Queries is < 1 or > 100_000 ? "--queries must be 1-100,000."
        : s.Concurrency > 256 ? "--concurrency must be at most 256."
        : s.BatchSize is < 1 or > 100_000 ? "--batch must be 1-100,000."
        : s.IntrinsicDimension < 1 ? "--intrinsic-dim must be at least 1."
        : null;

    private static void Write(ScaleReport r)
    {
        var table = new Table().RoundedBorder().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("images", r.N.ToString("N0", Inv));
        table.AddRow("data, storage", $"{r.Generator}, {r.Scalar}, dim {r.Dim}, M {r.Connectivity}, ef {r.Ef}");
        table.AddRow("build", $"{r.BuildS:F1} s ({r.BuildCpuS:F1} CPU-s)");
        table.AddRow("cold start", $"{r.ColdStartS:F2} s ({r.ColdStartCpuS:F2} CPU-s)");
        table.AddRow("resident memory", $"{r.RssMb:N0} MB (peak {r.PeakRssMb:N0} MB)");
        table.AddRow("bytes/vector", $"disk {r.BytesPerVectorDisk:N0}, memory {r.BytesPerVectorRam:N0}; catalog {r.CatalogBytesPerImage:N0}/image");
        table.AddRow("recall@10", r.RecallAt10.ToString("F3", Inv));
        table.AddRow("latency p50 / p99", $"{r.SearchP50Ms:F2} / {r.SearchP99Ms:F2} ms");
        table.AddRow("queries/s", $"{r.Qps1:N0} alone, {r.QpsConcurrent:N0} with {r.Concurrency} callers");
        table.AddRow("queries/CPU-s", $"{r.Qps1Cpu:N0} alone, {r.QpsConcurrentCpu:N0} with {r.Concurrency} callers");
        foreach (var f in r.Filtered)
            table.AddRow($"filter {f.Kind} {f.Selectivity:P1}", $"{f.Matches:N0} images, recall {f.RecallAt10:F3}, p50 {f.P50Ms:F2} ms, p99 {f.P99Ms:F2} ms");
        table.AddRow("rebuild from catalog", $"{r.RebuildS:F1} s ({r.RebuildCpuS:F1} CPU-s, {r.RebuildKind})");
        table.AddRow("load average", $"{r.LoadStart:F1} at start, {r.LoadEnd:F1} at end ({r.Cores} cores)");
        AnsiConsole.Write(table);
    }
}
