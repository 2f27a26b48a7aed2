using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using SemanticSearch.Clip;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using Spectre.Console;

namespace SemanticSearch.Bench.Commands;

/// <summary>
/// <c>semsearch bench embed</c>: images/s of (a) the bare vision session on ready tensors and (b) the whole path from
/// files (read + scaled decode + preprocess + encode, decoding overlapped with inference through a bounded channel),
/// their ratio, and text throughput and single-query latency.
/// </summary>
internal static class BenchEmbedCommand
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];

    private static readonly string[] Queries =
    [
        "a photo of a red circle", "two small blue stars on a white background", "a dog playing in the snow",
        "a cup of coffee on a wooden table", "sunset over the mountains", "an astronaut in a white space suit",
        "a rocket launching at night", "a cat sleeping on a sofa", "three green triangles", "a black and white photograph of a camera",
        "people walking in a busy city street at night with neon signs", "a bowl of fruit", "a yellow heart",
        "a close-up of a flower with a bee on it", "an old map of europe", "a screenshot of a spreadsheet",
    ];

    public static Command Create()
    {
        var model = CliHost.ModelOption();
        var images = new Option<string>("--images") { Description = "Folder of images (searched recursively), e.g. a few 12-megapixel JPEGs.", Required = true };
        var batch = new Option<int?>("--batch") { Description = "Images per inference (default: SemanticSearch:Model:BatchSize)." };
        var seconds = new Option<double>("--seconds") { Description = "Seconds measured for each of (a) and (b), and for text.", DefaultValueFactory = _ => 20 };
        var rounds = new Option<int>("--rounds") { Description = "Alternations of (a) and (b), so both see the same background load.", DefaultValueFactory = _ => 4 };
        var workers = new Option<int?>("--workers") { Description = "Decode workers feeding the encoder (default: 1 up to 4 cores, then cores / 4)." };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads (default: SemanticSearch:Model:IntraOpThreads; 0 = one per core)." };
        var margin = new Option<double>("--dct-scale-margin")
        {
            Description = "How much larger than the model input a DCT-scaled JPEG decode must stay (the decoder's default keeps 2x for parity with PIL; 1 decodes smaller and faster).",
            DefaultValueFactory = _ => SkiaImageDecoder.DefaultDctScaleMargin,
        };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object." };
        var compare = new Option<ModelVariant?>("--compare-variant")
        {
            Description = "Instead: vision images/s of fp32 (or the configured Variant) and this variant (e.g. Quantized) in the same run, and the cosine between their embeddings of --images.",
        };
        var command = new Command("embed", "Images/s of the bare vision session vs. the whole decode + preprocess + encode path, and text tokens/s and latency.");
        foreach (var option in new Option[] { model, images, batch, seconds, rounds, workers, threads, margin, json, compare })
            command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = CliModelSettings.ModelOptions(parseResult.GetValue(model));
            if (parseResult.GetValue(batch) is { } b)
                options.BatchSize = b;
            if (parseResult.GetValue(threads) is { } t)
                options.IntraOpThreads = t;
            var folder = parseResult.GetValue(images)!;
            var files = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal).ToArray()
                : [];
            if (files.Length == 0)
            {
                Console.Error.WriteLine($"semsearch bench embed: no images in '{folder}'.");
                return 1;
            }
            var span = TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(seconds)));
            var roundCount = Math.Max(1, parseResult.GetValue(rounds));
            if (parseResult.GetValue(compare) is { } variant)
            {
                if (BenchVariantComparison.Run(options, variant, files, span, roundCount, cancellationToken) is not { } comparison)
                {
                    Console.Error.WriteLine($"semsearch bench embed: none of the images in '{folder}' could be decoded.");
                    return 1;
                }
                if (parseResult.GetValue(json))
                    Console.Out.WriteLine(JsonSerializer.Serialize(comparison, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
                else
                    BenchVariantComparison.Print(comparison);
                return 0;
            }
            var workerCount = Math.Max(1, parseResult.GetValue(workers) ?? (Environment.ProcessorCount <= 4 ? 1 : Environment.ProcessorCount / 4));
            using var clip = ClipEmbeddingModel.Load(options);
            var decoder = new SkiaImageDecoder(Math.Max(1, parseResult.GetValue(margin)));
            var embedder = CliModelSettings.ImageEmbedder(clip.Images, decoder, parseResult.GetValue(model));
            var result = await RunAsync(clip, embedder, decoder, files, span, roundCount, workerCount, options.IntraOpThreads, cancellationToken);
            if (parseResult.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            else
                Print(result);
            return 0;
        });
        return command;
    }

    private static async Task<Result> RunAsync(
        ClipEmbeddingModel clip, ImageEmbedder embedder, SkiaImageDecoder decoder, string[] files, TimeSpan span, int rounds, int workers, int onnxThreads, CancellationToken ct)
    {
        var spec = embedder.Preprocess;
        var batch = clip.Images.BatchSize;
        var megapixels = files.Select(f => decoder.ReadMetadata(File.ReadAllBytes(f))).Average(m => m.Width * (double)m.Height / 1e6);
        var slice = span / rounds;

        var ready = new float[batch * spec.TensorLength];
        Console.Error.WriteLine($"bench embed: warming up ({clip.ModelId}, batch {batch})...");
        embedder.Encode(ready, batch, ct);

        // One thread decoding alone tells how much of the CPU budget decoding takes.
        var (decoded, _, decodeCpu) = Measure(slice, () =>
        {
            foreach (var file in files)
                embedder.Prepare(File.ReadAllBytes(file), ready.AsSpan(0, spec.TensorLength));
            return files.Length;
        });
        for (var i = 0; i < batch; i++)
            embedder.Prepare(File.ReadAllBytes(files[i % files.Length]), ready.AsSpan(i * spec.TensorLength, spec.TensorLength));

        // (a) and (b) alternate so that both see the same background load on a shared machine.
        double bareItems = 0, bareSeconds = 0, bareCpu = 0, pipelineItems = 0, pipelineSeconds = 0, pipelineCpu = 0;
        long failures = 0;
        for (var round = 1; round <= rounds; round++)
        {
            Console.Error.WriteLine($"bench embed: round {round}/{rounds}: (a) vision session on ready tensors...");
            var (items, seconds, cpu) = Measure(slice, () => { embedder.Encode(ready, batch, ct); return batch; });
            bareItems += items;
            bareSeconds += seconds;
            bareCpu += cpu;
            Console.Error.WriteLine($"bench embed: round {round}/{rounds}: (b) read + decode + preprocess + encode, {workers} decode worker(s)...");
            var (piped, pipedSeconds, pipedCpu, failed) = await MeasurePipelineAsync(clip, embedder, files, workers, slice, ct);
            pipelineItems += piped;
            pipelineSeconds += pipedSeconds;
            pipelineCpu += pipedCpu;
            failures += failed;
        }

        // Text: batches of queries (tokens/s) and one query at a time (latency, tokenisation included).
        Console.Error.WriteLine("bench embed: text...");
        var tokensPerRound = Queries.Sum(q => clip.Text.Tokenizer.EncodeForModel(q, clip.Text.ContextLength).Length);
        clip.Text.EncodeTexts(Queries, ct);
        var (textRounds, textSeconds, _) = Measure(span / 2, () => { clip.Text.EncodeTexts(Queries, ct); return 1; });
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < span / 2 || latencies.Count < 20; i++)
        {
            var start = Stopwatch.GetTimestamp();
            clip.Text.EncodeTexts([Queries[i % Queries.Length]], ct);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();

        var bare = bareItems / bareSeconds;
        var pipeline = pipelineItems / pipelineSeconds;
        return new Result(
            clip.ModelId, clip.Folder.Directory, clip.Folder.Variant.ToString(), clip.Dimension, batch, workers, onnxThreads, decoder.DctScaleMargin,
            Environment.ProcessorCount, CpuModel(), rounds, files.Length, Math.Round(megapixels, 1),
            Math.Round(1000 * decodeCpu / decoded, 1), Math.Round(1000 * bareCpu / bareItems, 1), Math.Round(1000 * pipelineCpu / pipelineItems, 1),
            Math.Round(bareCpu / (bareSeconds * Environment.ProcessorCount), 3), Math.Round(bare, 2), Math.Round(pipeline, 2), Math.Round(pipeline / bare, 3),
            Math.Round(bareCpu / bareItems / (pipelineCpu / pipelineItems), 3), failures,
            Math.Round(textRounds * tokensPerRound / textSeconds, 0), Math.Round(textRounds * Queries.Length / textSeconds, 1),
            Math.Round(Percentile(latencies, 0.50), 2), Math.Round(Percentile(latencies, 0.95), 2));
    }

    /// <summary>
    /// Runs <paramref name="step"/> (returning items done) until <paramref name="span"/> has passed. Also returns the
    /// process's CPU seconds, which unlike wall time hardly depend on what else the machine runs.
    /// </summary>
    private static (double Items, double Seconds, double CpuSeconds) Measure(TimeSpan span, Func<int> step)
    {
        long items = 0;
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        do
            items += step();
        while (clock.Elapsed < span);
        return (items, clock.Elapsed.TotalSeconds, CpuSeconds() - cpu);
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>
    /// N decode threads each fill a whole batch buffer (read, scaled decode, preprocess straight into the buffer) and hand
    /// it to the encoder through a bounded channel; empty buffers come back through a second channel. The encoder neither
    /// copies nor waits for a decode unless decoding is the bottleneck.
    /// </summary>
    private static async Task<(double Items, double Seconds, double CpuSeconds, long Failures)> MeasurePipelineAsync(
        ClipEmbeddingModel clip, ImageEmbedder embedder, string[] files, int workers, TimeSpan span, CancellationToken ct)
    {
        var spec = clip.Images.Preprocess;
        var batch = clip.Images.BatchSize;
        var full = Channel.CreateBounded<float[]>(new BoundedChannelOptions(2) { SingleReader = true });
        var empty = Channel.CreateUnbounded<float[]>();
        for (var i = 0; i < workers + 2; i++)
            empty.Writer.TryWrite(new float[batch * spec.TensorLength]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long next = -1, failures = 0;

        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            try
            {
                while (true)
                {
                    var buffer = empty.Reader.ReadAsync(stop.Token).AsTask().GetAwaiter().GetResult();
                    for (var slot = 0; slot < batch;)
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        var file = files[(int)(Interlocked.Increment(ref next) % files.Length)];
                        try
                        {
                            embedder.Prepare(File.ReadAllBytes(file), buffer.AsSpan(slot * spec.TensorLength, spec.TensorLength));
                            slot++;
                        }
                        catch (Exception e) when (e is ImageDecodeException or IOException)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }
                    full.Writer.WriteAsync(buffer, stop.Token).AsTask().GetAwaiter().GetResult();
                }
            }
            catch (OperationCanceledException)
            {
                // Measurement over.
            }
        }) { IsBackground = true, Name = $"bench-decode-{w}" }).ToArray();
        foreach (var thread in threads)
            thread.Start();

        // The first batch only fills the pipeline; the clock starts once it is encoded.
        var first = await full.Reader.ReadAsync(ct);
        embedder.Encode(first, batch, ct);
        empty.Writer.TryWrite(first);
        long encoded = 0;
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < span)
        {
            var buffer = await full.Reader.ReadAsync(ct);
            embedder.Encode(buffer, batch, ct);
            empty.Writer.TryWrite(buffer);
            encoded += batch;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        cpu = CpuSeconds() - cpu;
        stop.Cancel();
        foreach (var thread in threads)
            thread.Join();
        return (encoded, seconds, cpu, Interlocked.Read(ref failures));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void Print(Result r)
    {
        AnsiConsole.MarkupLine($"[bold]bench embed[/] {Markup.Escape(r.Model)} ({Markup.Escape(r.Folder)}, {r.Variant}, {r.Dimension}-d), batch {r.BatchSize}, "
            + $"{r.DecodeWorkers} decode worker(s), DCT scale margin {r.DctScaleMargin}, ONNX threads {(r.OnnxThreads == 0 ? "auto" : r.OnnxThreads)}, {r.Rounds} rounds, "
            + $"{r.Cores} cores ({Markup.Escape(r.Cpu)}), {r.Images} images of {r.MeanMegapixels} MP on average");
        var table = new Table().AddColumns("Measure", "Result");
        table.AddRow("CPU time per image: decode + preprocess", $"{r.DecodeCpuMsPerImage:F1} ms");
        table.AddRow("CPU time per image: vision session", $"{r.EncodeCpuMsPerImage:F1} ms ({r.BareCpuUtilisation:P0} of all cores busy during (a))");
        table.AddRow("CPU time per image: whole path (b)", $"{r.PipelineCpuMsPerImage:F1} ms");
        table.AddRow("(a) vision session, ready tensors", $"{r.BareImagesPerSecond:F2} images/s");
        table.AddRow("(b) read + decode + preprocess + encode", $"{r.PipelineImagesPerSecond:F2} images/s");
        table.AddRow("(b) / (a), wall clock", $"{r.PipelineRatio:P1}");
        // On a busy machine the wall-clock ratio favours (b), whose extra decode thread wins a larger share of the
        // CPU; the CPU-time ratio is what an otherwise idle machine with these cores would show.
        table.AddRow("(b) / (a), CPU time (idle machine, cores kept busy)", $"{r.PipelineCpuRatio:P1}");
        table.AddRow($"text, batches of {Queries.Length} queries", $"{r.TextTokensPerSecond:F0} tokens/s ({r.TextsPerSecond:F1} texts/s)");
        table.AddRow("text, single query latency", $"p50 {r.QueryLatencyP50Ms:F2} ms, p95 {r.QueryLatencyP95Ms:F2} ms");
        if (r.DecodeFailures > 0)
            table.AddRow("[yellow]images that failed to decode[/]", r.DecodeFailures.ToString());
        AnsiConsole.Write(table);
    }

    private sealed record Result(
        string Model, string Folder, string Variant, int Dimension, int BatchSize, int DecodeWorkers, int OnnxThreads, double DctScaleMargin, int Cores, string Cpu,
        int Rounds, int Images, double MeanMegapixels, double DecodeCpuMsPerImage, double EncodeCpuMsPerImage, double PipelineCpuMsPerImage,
        double BareCpuUtilisation, double BareImagesPerSecond, double PipelineImagesPerSecond,
        double PipelineRatio, double PipelineCpuRatio, long DecodeFailures, double TextTokensPerSecond, double TextsPerSecond, double QueryLatencyP50Ms,
        double QueryLatencyP95Ms);
}
