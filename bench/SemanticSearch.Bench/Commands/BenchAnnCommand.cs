using SemanticSearch.Crawler.Pipeline;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Index;
using SemanticSearch.Storage.Index;
using Spectre.Console;

namespace SemanticSearch.Bench.Commands;

/// <summary>
/// <c>semsearch bench ann</c>: recall@k and queries per second of the HNSW index against exact search, for several
/// search expansions, collection sizes and storage precisions; build speed and memory per vector. Queries run on one
/// thread (latency-bound, like one search request), the build on all cores (like a rebuild).
/// </summary>
internal static class BenchAnnCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var n = new Option<string>("--n") { Description = "Collection sizes, comma-separated (e.g. 10000,100000,1000000).", DefaultValueFactory = _ => "10000,100000" };
        var dim = new Option<int>("--dim") { Description = "Vector dimension (CLIP ViT-B/32: 512).", DefaultValueFactory = _ => 512 };
        var queries = new Option<int>("--queries") { Description = "Queries per measurement.", DefaultValueFactory = _ => 1000 };
        var ef = new Option<string>("--ef") { Description = "Search expansions to measure, comma-separated.", DefaultValueFactory = _ => "16,32,64,128" };
        var scalars = new Option<string>("--scalar") { Description = "Storage precisions to measure: f32, f16, i8, comma-separated.", DefaultValueFactory = _ => "f32,f16,i8" };
        var targetRecall = new Option<double>("--target-recall") { Description = "Also measure the expansion the product calibrates for this recall@10 target (0: off).", DefaultValueFactory = _ => 0.97 };
        var k = new Option<int>("-k") { Description = "Neighbours per query (recall@k).", DefaultValueFactory = _ => 10 };
        var clusters = new Option<int>("--clusters") { Description = "Cluster centres of the synthetic vectors (0: n / 100).", DefaultValueFactory = _ => 0 };
        var noise = new Option<float>("--noise") { Description = "Noise norm around each unit centre (0.7: same-cluster cosine ≈ 0.67).", DefaultValueFactory = _ => 0.7f };
        var connectivity = new Option<int>("--connectivity") { Description = "HNSW connectivity (M).", DefaultValueFactory = _ => 16 };
        var expansionAdd = new Option<int>("--expansion-add") { Description = "HNSW expansion while adding (efConstruction).", DefaultValueFactory = _ => 128 };
        var exactQueries = new Option<int>("--exact-queries") { Description = "Queries timed for the exact baseline (it is slow; 0: all).", DefaultValueFactory = _ => 200 };
        var repeat = new Option<int>("--repeat") { Description = "Time every query set this many times and keep the fastest (shared machines are noisy).", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data.", DefaultValueFactory = _ => 42 };
        var dump = new Option<string?>("--dump-vectors") { Description = "Write each collection, its queries and exact neighbours here (raw float32/int32) for bench/hnswlib_compare.py." };
        var demo = new Option<string?>("--demo") { Description = "Use real embeddings instead: every image of this folder (e.g. demo-gallery) embedded by the model; each also serves as a query." };
        var model = CliHost.ModelOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array of rows (n, ef, recall_at_10, qps, exact_qps, ...) instead of tables." };

        var command = new Command("ann", "Approximate nearest-neighbour search: recall and speed against exact search, build speed and memory.")
        {
            n, dim, queries, ef, scalars, k, clusters, noise, connectivity, expansionAdd, exactQueries, repeat, seed, dump, demo, model, json, targetRecall,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new Settings(
                Sizes: ParseList(parseResult.GetValue(n)!, int.Parse),
                Dimension: parseResult.GetValue(dim),
                Queries: parseResult.GetValue(queries),
                Expansions: ParseList(parseResult.GetValue(ef)!, int.Parse),
                Scalars: ParseList(parseResult.GetValue(scalars)!, s => Enum.Parse<VectorScalar>(s, ignoreCase: true)),
                K: parseResult.GetValue(k),
                Clusters: parseResult.GetValue(clusters),
                Noise: parseResult.GetValue(noise),
                Connectivity: parseResult.GetValue(connectivity),
                ExpansionAdd: parseResult.GetValue(expansionAdd),
                ExactQueries: parseResult.GetValue(exactQueries),
                Repeat: Math.Max(1, parseResult.GetValue(repeat)),
                Seed: parseResult.GetValue(seed),
                DumpDirectory: parseResult.GetValue(dump),
                TargetRecall: parseResult.GetValue(targetRecall));
            var rows = new List<BenchAnnRow>();
            if (parseResult.GetValue(demo) is { } folder)
            {
                var data = EmbedFolder(folder, parseResult.GetValue(model), cancellationToken);
                rows.AddRange(Measure(settings with { Dimension = data.Dimension }, "demo", data.Vectors, data.Vectors, cancellationToken));
            }
            else
            {
                foreach (var size in settings.Sizes)
                {
                    var centres = settings.Clusters > 0 ? settings.Clusters : Math.Max(10, size / 100);
                    Progress($"n = {size:N0}: generating {size:N0} + {settings.Queries:N0} vectors of {settings.Dimension} around {centres:N0} centres");
                    var generator = new ClusteredVectors(settings.Dimension, centres, settings.Noise, settings.Seed);
                    var data = generator.Sample(size, settings.Seed + 1);
                    var queryVectors = generator.Sample(settings.Queries, settings.Seed + 2);
                    rows.AddRange(Measure(settings, "clustered", data, queryVectors, cancellationToken));
                }
            }
            if (parseResult.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(rows));
            else
                WriteTables(rows);
            return Task.FromResult(0);
        });
        return command;
    }

    private static List<BenchAnnRow> Measure(Settings settings, string dataset, float[] data, float[] queries, CancellationToken cancellationToken)
    {
        var dimension = settings.Dimension;
        var n = data.Length / dimension;
        var q = queries.Length / dimension;
        var k = settings.K;

        Progress($"n = {n:N0}: exact neighbours of {q:N0} queries (ground truth, all cores)");
        var truth = ExactNeighbours(data, queries, dimension, k, cancellationToken);

        // The exact baseline, timed on one thread like the HNSW queries.
        var timedExact = settings.ExactQueries <= 0 ? q : Math.Min(q, settings.ExactQueries);
        var (exactQps, exactWall) = Fastest(settings.Repeat, () =>
        {
            for (var i = 0; i < timedExact; i++)
                ExactVectorIndex.Rank(queries.AsSpan(i * dimension, dimension), data, dimension, k);
        }, timedExact);
        Progress($"n = {n:N0}: exact search {exactQps:N1} queries per CPU-second ({exactWall:N1}/s wall)");

        if (settings.DumpDirectory is { } dump)
            Dump(Path.Combine(dump, $"{dataset}-n{n}"), data, queries, truth, dimension, k);

        var rows = new List<BenchAnnRow>();
        var keys = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        foreach (var scalar in settings.Scalars)
        {
            var options = new VectorIndexOptions { Connectivity = settings.Connectivity, ExpansionAdd = settings.ExpansionAdd, Scalar = scalar };
            using var index = new UsearchVectorIndex(dimension, options);
            index.Reserve(n);
            Progress($"n = {n:N0}, {scalar}: building on {Environment.ProcessorCount} threads");
            var expansions = settings.Expansions.ToList();
            var calibrated = 0;
            double buildSeconds, buildCpuSeconds;
            if (settings.TargetRecall > 0)
            {
                (calibrated, var heldOut, buildSeconds, buildCpuSeconds) =
                    BenchAnnCalibration.BuildCalibrated(index, data, dimension, settings.TargetRecall, 200, cancellationToken);
                Progress($"n = {n:N0}, {scalar}: calibrated expansion {calibrated} for recall {settings.TargetRecall} (held-out recall {heldOut:F3})");
                expansions = [.. expansions.Append(calibrated).Distinct().Order()];
            }
            else
            {
                var watch = Stopwatch.StartNew();
                var processCpu = Process.GetCurrentProcess().TotalProcessorTime;
                index.AddRange(keys, data);
                buildSeconds = watch.Elapsed.TotalSeconds;
                buildCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - processCpu).TotalSeconds;
            }
            var bytesPerVector = index.MemoryBytes / (double)n;
            foreach (var ef in expansions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                index.ExpansionSearch = ef;
                for (var i = 0; i < Math.Min(q, 50); i++)
                    index.Search(queries.AsSpan(i * dimension, dimension), k); // warm-up
                var found = 0;
                var results = new IReadOnlyList<VectorMatch>[q];
                var (qps, qpsWall) = Fastest(settings.Repeat, () =>
                {
                    for (var i = 0; i < q; i++)
                        results[i] = index.Search(queries.AsSpan(i * dimension, dimension), k);
                }, q);
                for (var i = 0; i < q; i++)
                {
                    var expected = truth[i].ToHashSet();
                    found += results[i].Count(m => expected.Contains(m.Key));
                }
                var recall = found / (double)(q * k);
                rows.Add(new BenchAnnRow(dataset, n, dimension, scalar.ToString().ToLowerInvariant(), ef, k, Math.Round(recall, 4),
                    Math.Round(qps, 1), Math.Round(exactQps, 1), Math.Round(qps / exactQps, 1), Math.Round(qpsWall, 1), Math.Round(exactWall, 1),
                    ThreadCpuTime.IsAvailable ? "thread-cpu" : "wall", Math.Round(buildSeconds, 2), Math.Round(n / buildSeconds, 0),
                    Math.Round(n / buildCpuSeconds, 0), Math.Round(bytesPerVector, 0), Environment.ProcessorCount, index.HardwareAcceleration, ef == calibrated));
                Progress($"n = {n:N0}, {scalar}, ef {ef}: recall@{k} {recall:F3}, {qps:N0} queries/s ({qps / exactQps:N1}× exact)");
            }
        }
        return rows;
    }

    /// <summary>
    /// Ground truth for many queries at once: blocks of queries share each pass over the data, so the collection is
    /// read from memory once per block rather than once per query (1M × 512 floats is 2 GB).
    /// </summary>
    private static long[][] ExactNeighbours(float[] data, float[] queries, int dimension, int k, CancellationToken cancellationToken)
    {
        const int Block = 32;
        var q = queries.Length / dimension;
        var rows = data.Length / dimension;
        var truth = new long[q][];
        var blocks = (q + Block - 1) / Block;
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            var first = b * Block;
            var count = Math.Min(Block, q - first);
            var best = new (float Score, long Key)[count][];
            for (var j = 0; j < count; j++)
                best[j] = [.. Enumerable.Repeat((float.NegativeInfinity, -1L), k)];
            for (var row = 0; row < rows; row++)
            {
                var vector = data.AsSpan(row * dimension, dimension);
                for (var j = 0; j < count; j++)
                {
                    var score = System.Numerics.Tensors.TensorPrimitives.Dot(queries.AsSpan((first + j) * dimension, dimension), vector);
                    var top = best[j];
                    if (score <= top[k - 1].Score)
                        continue;
                    // Insertion into a small sorted array: k is 10, cheaper than a heap.
                    var at = k - 1;
                    while (at > 0 && top[at - 1].Score < score)
                    {
                        top[at] = top[at - 1];
                        at--;
                    }
                    top[at] = (score, row);
                }
            }
            for (var j = 0; j < count; j++)
                truth[first + j] = [.. best[j].Select(x => x.Key)];
        });
        return truth;
    }

    /// <summary>Raw little-endian arrays plus a small JSON description, read by bench/hnswlib_compare.py with numpy.</summary>
    private static void Dump(string folder, float[] data, float[] queries, long[][] truth, int dimension, int k)
    {
        Directory.CreateDirectory(folder);
        WriteRaw(Path.Combine(folder, "base.f32"), MemoryMarshal.AsBytes(data.AsSpan()));
        WriteRaw(Path.Combine(folder, "queries.f32"), MemoryMarshal.AsBytes(queries.AsSpan()));
        var neighbours = truth.SelectMany(t => t.Select(key => (int)key)).ToArray();
        WriteRaw(Path.Combine(folder, "truth.i32"), MemoryMarshal.AsBytes(neighbours.AsSpan()));
        File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(new
        {
            n = data.Length / dimension,
            dim = dimension,
            queries = queries.Length / dimension,
            k,
        }));
    }

    private static void WriteRaw(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = File.Create(path);
        stream.Write(bytes);
    }

    /// <summary>Embeds every decodable image of a folder with the model: real CLIP vectors, normalised.</summary>
    internal static (float[] Vectors, int Dimension) EmbedFolder(string folder, string? modelDir, CancellationToken cancellationToken)
    {
        using var services = CliHost.Build(dataDir: Path.Combine(Path.GetTempPath(), "semsearch-bench-ann"), modelDir, readOnly: true);
        var model = services.GetRequiredService<IEmbeddingModel>();
        var embedder = services.GetRequiredService<IImageEmbedder>();
        var vectors = new List<float[]>();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Progress($"demo: embedding up to {files.Count:N0} files of {folder} with {model.ModelId}");
        foreach (var file in files)
        {
            try
            {
                vectors.Add(embedder.Embed(File.ReadAllBytes(file), cancellationToken: cancellationToken));
            }
            catch (ImageDecodeException)
            {
                // captions, READMEs and anything else that is not an image
            }
        }
        var flat = new float[vectors.Count * model.Dimension];
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors[i].CopyTo(flat, i * model.Dimension);
            VectorMath.NormalizeInPlace(flat.AsSpan(i * model.Dimension, model.Dimension));
        }
        return (flat, model.Dimension);
    }

    private static void WriteTables(List<BenchAnnRow> rows)
    {
        var table = new Table().RoundedBorder()
            .AddColumn("data").AddColumn(new TableColumn("n").RightAligned()).AddColumn("type").AddColumn(new TableColumn("ef").RightAligned())
            .AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("q/s").RightAligned())
            .AddColumn(new TableColumn("exact q/s").RightAligned()).AddColumn(new TableColumn("×exact").RightAligned())
            .AddColumn(new TableColumn("adds/s").RightAligned()).AddColumn(new TableColumn("B/vector").RightAligned());
        foreach (var r in rows)
        {
            table.AddRow(r.Dataset == "clustered" ? "synthetic" : r.Dataset, r.N.ToString("N0", Inv), r.Scalar, r.Ef.ToString(Inv) + (r.Calibrated ? "*" : ""), r.RecallAt10.ToString("F3", Inv),
                r.Qps.ToString("N0", Inv), r.ExactQps.ToString("N1", Inv), r.Speedup.ToString("N1", Inv),
                r.AddsPerCpuSecond.ToString("N0", Inv), r.BytesPerVector.ToString("N0", Inv));
        }
        AnsiConsole.Write(table);
        if (rows.Count > 0)
            AnsiConsole.MarkupLine($"[grey]dim {rows[0].Dim}, k {rows[0].K}; q/s per {(rows[0].Clock == "wall" ? "second" : "CPU-second of the querying thread")}; adds/s per CPU-second, build on {rows[0].Threads} threads; SIMD: {Markup.Escape(rows[0].Simd)}; * the calibrated expansion[/]");
    }

    /// <summary>
    /// Operations per second of the fastest of <paramref name="repeat"/> runs on this thread, by its CPU time
    /// (see <see cref="ThreadCpuTime"/>), and by wall-clock time.
    /// </summary>
    private static (double Cpu, double Wall) Fastest(int repeat, Action run, int operations)
    {
        var (bestCpu, bestWall) = (double.MaxValue, double.MaxValue);
        for (var r = 0; r < repeat; r++)
        {
            var watch = Stopwatch.StartNew();
            var cpu = ThreadCpuTime.Seconds();
            run();
            bestCpu = Math.Min(bestCpu, ThreadCpuTime.Seconds() - cpu);
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds);
        }
        return (operations / bestCpu, operations / bestWall);
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[bench ann] {message}");

    private static List<T> ParseList<T>(string text, Func<string, T> parse) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)];

    private sealed record Settings(
        IReadOnlyList<int> Sizes, int Dimension, int Queries, IReadOnlyList<int> Expansions, IReadOnlyList<VectorScalar> Scalars,
        int K, int Clusters, float Noise, int Connectivity, int ExpansionAdd, int ExactQueries, int Repeat, int Seed, string? DumpDirectory,
        double TargetRecall);
}
