using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using Spectre.Console;

namespace SemanticSearch.Cli.Commands;

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
        var model = EmbedCommand.ModelOption();
        var images = new Option<string>("--images") { Description = "Folder of images (searched recursively), e.g. a few 12-megapixel JPEGs.", Required = true };
        var batch = new Option<int?>("--batch") { Description = "Images per inference (default: SemanticSearch:Model:BatchSize)." };
        var seconds = new Option<double>("--seconds") { Description = "Seconds measured per phase.", DefaultValueFactory = _ => 10 };
        var workers = new Option<int?>("--workers") { Description = "Decode workers feeding the encoder (default: 1 up to 4 cores, then cores / 4)." };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads (default: SemanticSearch:Model:IntraOpThreads; 0 = one per core)." };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object." };
        var command = new Command("embed", "Images/s of the bare vision session vs. the whole decode + preprocess + encode path, and text tokens/s and latency.");
        foreach (var option in new Option[] { model, images, batch, seconds, workers, threads, json })
            command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = EmbedCommand.LoadModelOptions(ModelsCommand.LoadSettings(), parseResult.GetValue(model));
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
            var workerCount = Math.Max(1, parseResult.GetValue(workers) ?? (Environment.ProcessorCount <= 4 ? 1 : Environment.ProcessorCount / 4));
            using var clip = ClipEmbeddingModel.Load(options);
            var result = await RunAsync(clip, files, workerCount, span, options.IntraOpThreads, cancellationToken);
            if (parseResult.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            else
                Print(result);
            return 0;
        });
        return command;
    }

    private static async Task<BenchEmbedResult> RunAsync(ClipEmbeddingModel clip, string[] files, int workers, TimeSpan span, int threads, CancellationToken ct)
    {
        var decoder = new SkiaImageDecoder();
        var preprocessor = new ClipImagePreprocessor(decoder);
        var spec = clip.Images.Preprocess;
        var batch = clip.Images.BatchSize;
        var megapixels = files.Select(f => decoder.ReadMetadata(File.ReadAllBytes(f))).Average(m => m.Width * (double)m.Height / 1e6);

        // (a) The session alone on tensors made once.
        var ready = new float[batch * spec.TensorLength];
        for (var i = 0; i < batch; i++)
            preprocessor.ToTensor(File.ReadAllBytes(files[i % files.Length]), spec, ready.AsSpan(i * spec.TensorLength, spec.TensorLength));
        Console.Error.WriteLine($"bench embed: warming up ({clip.ModelId}, batch {batch})...");
        clip.Images.EncodeImages(ready, batch, ct);
        Console.Error.WriteLine($"bench embed: vision session on ready tensors for {span.TotalSeconds:F0} s...");
        var bare = Measure(span, () => { clip.Images.EncodeImages(ready, batch, ct); return batch; });

        // (b) Files to embeddings, decode overlapped with inference.
        Console.Error.WriteLine($"bench embed: read + decode + preprocess + encode with {workers} decode worker(s) for {span.TotalSeconds:F0} s...");
        var (pipeline, failures) = await MeasurePipelineAsync(clip, preprocessor, files, workers, span, ct);

        // Text: batches of queries (tokens/s) and one query at a time (latency, tokenisation included).
        Console.Error.WriteLine($"bench embed: text for {span.TotalSeconds:F0} s...");
        var tokensPerRound = Queries.Sum(q => clip.Text.Tokenizer.EncodeForModel(q).Length);
        clip.Text.EncodeTexts(Queries, ct);
        var textRounds = Measure(span / 2, () => { clip.Text.EncodeTexts(Queries, ct); return 1; });
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < span / 2 || latencies.Count < 20; i++)
        {
            var start = Stopwatch.GetTimestamp();
            clip.Text.EncodeTexts([Queries[i % Queries.Length]], ct);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();

        return new BenchEmbedResult(
            clip.ModelId, clip.Folder.Variant.ToString(), clip.Dimension, batch, workers, threads, Environment.ProcessorCount, CpuModel(),
            files.Length, Math.Round(megapixels, 1), Math.Round(bare, 2), Math.Round(pipeline, 2), Math.Round(pipeline / bare, 3), failures,
            Math.Round(textRounds * tokensPerRound, 0), Math.Round(textRounds * Queries.Length, 1),
            Math.Round(Percentile(latencies, 0.50), 2), Math.Round(Percentile(latencies, 0.95), 2));
    }

    /// <summary>Runs <paramref name="step"/> (returning items done) for <paramref name="span"/>; items per second.</summary>
    private static double Measure(TimeSpan span, Func<int> step)
    {
        long items = 0;
        var clock = Stopwatch.StartNew();
        do
            items += step();
        while (clock.Elapsed < span);
        return items / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// N decode threads each fill a whole batch buffer (read, scaled decode, preprocess straight into the buffer) and hand
    /// it to the encoder through a bounded channel; empty buffers come back through a second channel. The encoder never
    /// copies or waits on a decode unless decoding is the bottleneck.
    /// </summary>
    private static async Task<(double Rate, long Failures)> MeasurePipelineAsync(
        ClipEmbeddingModel clip, ClipImagePreprocessor preprocessor, string[] files, int workers, TimeSpan span, CancellationToken ct)
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
                            preprocessor.ToTensor(File.ReadAllBytes(file), spec, buffer.AsSpan(slot * spec.TensorLength, spec.TensorLength));
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
        clip.Images.EncodeImages(first, batch, ct);
        empty.Writer.TryWrite(first);
        long encoded = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < span)
        {
            var buffer = await full.Reader.ReadAsync(ct);
            clip.Images.EncodeImages(buffer, batch, ct);
            empty.Writer.TryWrite(buffer);
            encoded += batch;
        }
        var rate = encoded / clock.Elapsed.TotalSeconds;
        stop.Cancel();
        foreach (var thread in threads)
            thread.Join();
        return (rate, failures);
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

    private static void Print(BenchEmbedResult r)
    {
        AnsiConsole.MarkupLine($"[bold]bench embed[/] {Markup.Escape(r.Model)} ({r.Variant}, {r.Dimension}-d), batch {r.BatchSize}, "
            + $"{r.DecodeWorkers} decode worker(s), ONNX threads {(r.OnnxThreads == 0 ? "auto" : r.OnnxThreads)}, "
            + $"{r.Cores} cores ({Markup.Escape(r.Cpu)}), {r.Images} images of {r.MeanMegapixels} MP on average");
        var table = new Table().AddColumns("Measure", "Result");
        table.AddRow("(a) vision session, ready tensors", $"{r.BareImagesPerSecond:F2} images/s");
        table.AddRow("(b) read + decode + preprocess + encode", $"{r.PipelineImagesPerSecond:F2} images/s");
        table.AddRow("(b) / (a)", $"{r.PipelineRatio:P1}");
        table.AddRow("text, batches of 16 queries", $"{r.TextTokensPerSecond:F0} tokens/s ({r.TextsPerSecond:F1} texts/s)");
        table.AddRow("text, single query latency", $"p50 {r.QueryLatencyP50Ms:F2} ms, p95 {r.QueryLatencyP95Ms:F2} ms");
        if (r.DecodeFailures > 0)
            table.AddRow("[yellow]images that failed to decode[/]", r.DecodeFailures.ToString());
        AnsiConsole.Write(table);
    }

    private sealed record BenchEmbedResult(
        string Model, string Variant, int Dimension, int BatchSize, int DecodeWorkers, int OnnxThreads, int Cores, string Cpu,
        int Images, double MeanMegapixels, double BareImagesPerSecond, double PipelineImagesPerSecond, double PipelineRatio,
        long DecodeFailures, double TextTokensPerSecond, double TextsPerSecond, double QueryLatencyP50Ms, double QueryLatencyP95Ms);
}
