using System.Diagnostics;
using SemanticSearch.Clip;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using Spectre.Console;

namespace SemanticSearch.Bench.Commands;

/// <summary>
/// <c>semsearch bench embed --compare-variant V</c>: the vision session of two exports of one model folder (fp32 and,
/// typically, the int8 <c>_quantized</c> files) in the same process, timed in alternating slices so both see the same
/// background load, and the cosine between their embeddings of the same images.
/// </summary>
internal static class BenchVariantComparison
{
    /// <summary>Most images embedded by both variants for the cosine figures.</summary>
    public const int MaxCompared = 64;

    /// <summary>The comparison, or null when none of <paramref name="files"/> decodes.</summary>
    public static Result? Run(ClipModelOptions options, ModelVariant compared, string[] files, TimeSpan span, int rounds, CancellationToken ct)
    {
        var baselineVariant = options.Variant is ModelVariant.Auto ? ModelVariant.Fp32 : options.Variant;
        using var baseline = ClipEmbeddingModel.Load(With(options, baselineVariant));
        using var other = ClipEmbeddingModel.Load(With(options, compared));
        var spec = baseline.Images.Preprocess;
        if (other.Images.Preprocess.Size != spec.Size || other.Dimension != baseline.Dimension)
            throw new ClipModelException($"{baselineVariant} and {compared} of '{baseline.Folder.Directory}' differ in input size or dimension.");

        // Every image is preprocessed once; both variants embed exactly the same tensors.
        var preprocessor = new ClipImagePreprocessor(new SkiaImageDecoder());
        var tensors = new float[MaxCompared * spec.TensorLength];
        var picked = new List<string>();
        foreach (var file in files)
        {
            if (picked.Count == MaxCompared)
                break;
            try
            {
                preprocessor.ToTensor(File.ReadAllBytes(file), spec, tensors.AsSpan(picked.Count * spec.TensorLength, spec.TensorLength));
                picked.Add(file);
            }
            catch (Exception e) when (e is ImageDecodeException or IOException)
            {
                Console.Error.WriteLine($"bench embed: skipped '{file}': {e.Message}");
            }
        }
        if (picked.Count == 0)
            return null;
        var a = baseline.Images.EncodeImages(tensors, picked.Count, ct);
        var b = other.Images.EncodeImages(tensors, picked.Count, ct);
        var cosines = a.Select((v, i) => (double)VectorMath.Cosine(v, b[i])).ToArray();

        var batch = baseline.Images.BatchSize;
        var ready = new float[batch * spec.TensorLength];
        for (var i = 0; i < batch; i++)
            tensors.AsSpan(i % picked.Count * spec.TensorLength, spec.TensorLength).CopyTo(ready.AsSpan(i * spec.TensorLength));
        var slice = span / (2 * rounds);
        Slice fp = default, q = default;
        for (var round = 1; round <= rounds; round++)
        {
            Console.Error.WriteLine($"bench embed: round {round}/{rounds}: {baselineVariant} vs {compared}, vision session on ready tensors...");
            fp += Measure(slice, () => baseline.Images.EncodeImages(ready, batch, ct).Length);
            q += Measure(slice, () => other.Images.EncodeImages(ready, batch, ct).Length);
        }
        return new Result(baseline.ModelId, baseline.Folder.Directory, baselineVariant.ToString(), compared.ToString(), batch, rounds,
            Environment.ProcessorCount, picked.Count,
            Math.Round(fp.Items / fp.Seconds, 2), Math.Round(q.Items / q.Seconds, 2), Math.Round(q.Items / q.Seconds / (fp.Items / fp.Seconds), 3),
            Math.Round(1000 * fp.Cpu / fp.Items, 1), Math.Round(1000 * q.Cpu / q.Items, 1), Math.Round(fp.Cpu / fp.Items / (q.Cpu / q.Items), 3),
            Math.Round(cosines.Average(), 5), Math.Round(cosines.Min(), 5));
    }

    public static void Print(Result r)
    {
        AnsiConsole.MarkupLine($"[bold]bench embed --compare-variant[/] {Markup.Escape(r.Model)} ({Markup.Escape(r.Folder)}), batch {r.BatchSize}, "
            + $"{r.Rounds} rounds, {r.Cores} cores, cosine over {r.ComparedImages} images");
        var table = new Table().AddColumns("Measure", r.Baseline, r.Compared, $"{r.Compared} / {r.Baseline}");
        table.AddRow("vision session, images/s (wall clock)", $"{r.BaselineImagesPerSecond:F2}", $"{r.ComparedImagesPerSecond:F2}", $"{r.SpeedupWallClock:F2}x");
        table.AddRow("vision session, CPU ms per image", $"{r.BaselineCpuMsPerImage:F1}", $"{r.ComparedCpuMsPerImage:F1}", $"{r.SpeedupCpuTime:F2}x faster");
        table.AddRow("cosine to the baseline's embeddings", "1", $"mean {r.MeanCosine:F4}, min {r.MinCosine:F4}", "");
        AnsiConsole.Write(table);
    }

    private static ClipModelOptions With(ClipModelOptions o, ModelVariant variant) => new()
    {
        Path = o.Path, Variant = variant, ExecutionProvider = o.ExecutionProvider, DeviceId = o.DeviceId, IntraOpThreads = o.IntraOpThreads,
        InterOpThreads = o.InterOpThreads, GraphOptimizationLevel = o.GraphOptimizationLevel, AllowSpinning = o.AllowSpinning, BatchSize = o.BatchSize,
    };

    /// <summary>Runs <paramref name="step"/> (returning items done) for <paramref name="span"/>; CPU seconds hardly depend on other load.</summary>
    private static Slice Measure(TimeSpan span, Func<int> step)
    {
        long items = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var clock = Stopwatch.StartNew();
        do
            items += step();
        while (clock.Elapsed < span);
        return new Slice(items, clock.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu);
    }

    private readonly record struct Slice(double Items, double Seconds, double Cpu)
    {
        public static Slice operator +(Slice x, Slice y) => new(x.Items + y.Items, x.Seconds + y.Seconds, x.Cpu + y.Cpu);
    }

    public sealed record Result(
        string Model, string Folder, string Baseline, string Compared, int BatchSize, int Rounds, int Cores, int ComparedImages,
        double BaselineImagesPerSecond, double ComparedImagesPerSecond, double SpeedupWallClock,
        double BaselineCpuMsPerImage, double ComparedCpuMsPerImage, double SpeedupCpuTime, double MeanCosine, double MinCosine);
}
