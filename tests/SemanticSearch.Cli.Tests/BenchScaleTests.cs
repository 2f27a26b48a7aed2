using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch bench scale</c> at a small size: a real data folder, real index, real search service.</summary>
public sealed class BenchScaleTests : IDisposable
{
    private static readonly string[] Figures =
    [
        "n", "scalar", "build_s", "build_cpu_s", "cold_start_s", "cold_start_cpu_s", "rss_mb", "bytes_per_vector_disk", "bytes_per_vector_ram",
        "recall_at_10", "search_p50_ms", "search_p99_ms", "qps_1", "qps_1_cpu", "qps_concurrent", "concurrency", "filtered", "rebuild_s",
    ];

    private readonly TempDirectory _temp = new("semsearch-bench-scale");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Scale_prints_one_object_per_storage_with_every_figure_filters_at_three_selectivities_and_a_rebuild()
    {
        var data = Path.Combine(_temp.Path, "kept");
        var runs = await RunAsync("--n", "2000", "--queries", "20", "--scalar", "f16,i8", "--data-dir", data);

        Assert.Equal(["f16", "i8"], runs.Select(r => r.GetProperty("scalar").GetString()));
        foreach (var r in runs)
        {
            foreach (var figure in Figures)
                Assert.True(r.TryGetProperty(figure, out _), $"missing {figure}");
            Assert.Equal(2000, r.GetProperty("n").GetInt32());
            Assert.Equal("spectral", r.GetProperty("generator").GetString());
            Assert.InRange(r.GetProperty("recall_at_10").GetDouble(), 0.5, 1.0);
            Assert.True(r.GetProperty("search_p50_ms").GetDouble() <= r.GetProperty("search_p99_ms").GetDouble());
            Assert.True(r.GetProperty("cold_start_s").GetDouble() > 0);
            Assert.Equal("rebuilt", r.GetProperty("rebuild_kind").GetString());
            var filtered = r.GetProperty("filtered").EnumerateArray().ToList();
            Assert.Equal(6, filtered.Count);
            foreach (var f in filtered)
            {
                var selectivity = f.GetProperty("selectivity").GetDouble();
                Assert.Contains(selectivity, new[] { 0.001, 0.01, 0.1 });
                // The synthetic rows really spread over folders and dates: each filter matches about its share.
                Assert.InRange(f.GetProperty("matches").GetInt32(), 2000 * selectivity / 3, 2000 * selectivity * 3 + 3);
                Assert.InRange(f.GetProperty("recall_at_10").GetDouble(), 0.0, 1.0);
            }
            // The kept data folder is a real one: a catalog and a (rebuilt) index file per run.
            var folder = Path.Combine(data, $"spectral-{r.GetProperty("scalar").GetString()}");
            Assert.True(File.Exists(Path.Combine(folder, "catalog.db")), $"no catalog in {folder}");
            Assert.True(File.Exists(Path.Combine(folder, "vectors.usearch")), $"no index in {folder}");
        }
        // An i8 vector of 512 values is half an f16 one: the index file shows it.
        Assert.True(runs[1].GetProperty("bytes_per_vector_disk").GetDouble() < runs[0].GetProperty("bytes_per_vector_disk").GetDouble() - 200);
        Assert.True(runs[0].GetProperty("bytes_per_vector_disk").GetDouble() > 512 * 2, "an f16 vector of 512 values is 1 KB before the graph");
    }

    [Fact]
    public async Task Recall_is_measured_against_exact_search_so_a_crippled_graph_scores_below_the_product_graph()
    {
        var normal = (await RunAsync("--n", "2000", "--queries", "30"))[0];
        var crippled = (await RunAsync("--n", "2000", "--queries", "30", "--connectivity", "2", "--expansion-add", "1", "--ef", "1"))[0];

        var good = normal.GetProperty("recall_at_10").GetDouble();
        var poor = crippled.GetProperty("recall_at_10").GetDouble();
        Assert.True(poor < good - 0.05, $"recall {poor} with M 2 should be well below {good} with M 16");
    }

    [Fact]
    public async Task The_spectral_generator_is_harder_for_the_index_than_isotropic_clusters_with_the_same_graph_settings()
    {
        // A modest graph (M 6), so neither data set is answered perfectly and the difference shows at a small size.
        string[] graph = ["--n", "4000", "--queries", "100", "--connectivity", "6", "--expansion-add", "24", "--ef", "16"];
        var spectral = (await RunAsync([.. graph, "--generator", "spectral"]))[0].GetProperty("recall_at_10").GetDouble();
        var clustered = (await RunAsync([.. graph, "--generator", "clustered"]))[0].GetProperty("recall_at_10").GetDouble();

        Assert.True(spectral < clustered - 0.02, $"spectral recall {spectral} should be clearly below clustered recall {clustered}");
    }

    private async Task<List<JsonElement>> RunAsync(params string[] options)
    {
        var (exit, stdout, stderr) = await SemsearchProcess.RunAsync(_temp.Path, ["bench", "scale", "--json", .. options]);
        Assert.True(exit == 0, stderr);
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    private static JsonElement Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.Clone();
    }
}
