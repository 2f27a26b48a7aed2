using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch bench embed --compare-variant</c> on a real folder holding the demo model's fp32 and int8 exports.</summary>
public sealed class BenchCompareVariantTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-bench-variant");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Compare_variant_times_fp32_and_int8_in_one_run_and_reports_their_cosine_on_real_photos()
    {
        var model = _temp.Combine("clip-demo");
        CopyDirectory(RepoPaths.DemoModel, model);
        CopyDirectory(Path.Combine(RepoPaths.Fixtures, "models", "clip-demo-quantized"), model);
        var photos = _temp.Combine("photos");
        Directory.CreateDirectory(photos);
        foreach (var name in new[] { "astronaut.jpg", "chelsea.jpg", "coffee-exif.jpg", "rocket.jpg" })
            File.Copy(Path.Combine(RepoPaths.Fixtures, "photos", name), Path.Combine(photos, name));

        var (exit, stdout, stderr) = await SemsearchProcess.RunAsync(_temp.Path, "bench", "embed", "--model", model, "--images", photos,
            "--seconds", "1", "--rounds", "1", "--batch", "4", "--compare-variant", "Quantized", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var r = json.RootElement;
        Assert.Equal("Fp32", r.GetProperty("baseline").GetString());
        Assert.Equal("Quantized", r.GetProperty("compared").GetString());
        Assert.Equal(4, r.GetProperty("comparedImages").GetInt32());
        Assert.True(r.GetProperty("baselineImagesPerSecond").GetDouble() > 0);
        Assert.True(r.GetProperty("comparedImagesPerSecond").GetDouble() > 0);
        var mean = r.GetProperty("meanCosine").GetDouble();
        var min = r.GetProperty("minCosine").GetDouble();
        Assert.InRange(mean, 0.99, 1.0);
        Assert.InRange(min, 0.9, mean);
    }

    [Fact]
    public async Task Compare_variant_names_the_missing_files_when_the_folder_has_no_int8_export()
    {
        var photos = Path.Combine(RepoPaths.Fixtures, "photos");

        var (exit, stdout, stderr) = await SemsearchProcess.RunAsync(_temp.Path, "bench", "embed", "--model", RepoPaths.DemoModel,
            "--images", photos, "--seconds", "1", "--rounds", "1", "--compare-variant", "Quantized");

        Assert.NotEqual(0, exit);
        Assert.Contains("onnx/vision_model_quantized.onnx", stdout + stderr);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
