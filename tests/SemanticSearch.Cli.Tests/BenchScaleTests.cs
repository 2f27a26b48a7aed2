using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch bench scale</c> at a small size: a real data folder, real index, real search service.</summary>
public sealed class BenchScaleTests : IDisposable
{
    private static readonly string[] Figures =
    [
        "n", "scalar", "build_s", "cold_start_s", "rss_mb", "bytes_per_vector_disk", "bytes_per_vector_ram", "recall_at_10",
        "search_p50_ms", "search_p99_ms", "qps_1", "qps_concurrent", "concurrency", "filtered", "rebuild_s",
    ];

    private readonly TempDirectory _temp = new("semsearch-bench-scale");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Scale_prints_every_figure_with_filters_at_three_selectivities_and_rebuilds_from_the_catalog()
    {
        var r = await RunAsync("--n", "2000", "--queries", "20", "--generator", "hard");

        foreach (var figure in Figures)
            Assert.True(r.TryGetProperty(figure, out _), $"missing {figure}");
        Assert.Equal(2000, r.GetProperty("n").GetInt32());
        Assert.Equal("f16", r.GetProperty("scalar").GetString());
        Assert.InRange(r.GetProperty("recall_at_10").GetDouble(), 0.5, 1.0);
        Assert.True(r.GetProperty("bytes_per_vector_disk").GetDouble() > 512 * 2, "an f16 vector of 512 values is 1 KB before the graph");
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
    }

    [Fact]
    public async Task Recall_is_measured_against_exact_search_so_a_crippled_graph_scores_below_the_product_graph()
    {
        var normal = await RunAsync("--n", "2000", "--queries", "30", "--generator", "hard");
        var crippled = await RunAsync("--n", "2000", "--queries", "30", "--generator", "hard", "--connectivity", "2", "--expansion-add", "1", "--ef", "1");

        var good = normal.GetProperty("recall_at_10").GetDouble();
        var poor = crippled.GetProperty("recall_at_10").GetDouble();
        Assert.True(poor < good - 0.05, $"recall {poor} with M 2 should be well below {good} with M 16");
    }

    private async Task<JsonElement> RunAsync(params string[] options)
    {
        var (exit, stdout, stderr) = await SemsearchProcess.RunAsync(_temp.Path, ["bench", "scale", "--json", .. options]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }
}
