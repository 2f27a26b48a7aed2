using System.Net;
using System.Text.Json;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class StatusApiTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    [Fact]
    public async Task Status_has_the_stats_numbers_and_the_crawler_state()
    {
        var response = await Client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        var count = app.Gallery.Files.Count;
        Assert.Equal(count, root.GetProperty("indexed").GetInt64());
        Assert.Equal(0, root.GetProperty("failed").GetInt64());
        Assert.Equal(0, root.GetProperty("deleted").GetInt64());
        Assert.Equal(count, root.GetProperty("vectors").GetInt64());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("model").GetString()));
        Assert.True(root.GetProperty("modelAvailable").GetBoolean());
        var crawler = root.GetProperty("crawler");
        Assert.Contains(crawler.GetProperty("state").GetString(), new[] { "idle", "running" });
        foreach (var field in new[] { "phase", "processed", "indexed", "failed", "skipped", "toProcess", "imagesPerSecond", "etaSeconds", "lastErrors" })
            Assert.True(crawler.TryGetProperty(field, out _), field);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Status_names_the_loaded_export_of_the_model_folder()
    {
        using var json = JsonDocument.Parse(await Client.GetStringAsync("/api/status"));

        // The demo model's folder has only the fp32 files, so Auto falls back to them even on the CPU.
        Assert.Equal("Fp32", json.RootElement.GetProperty("modelVariant").GetString());
    }

    [Fact]
    public async Task Health_is_healthy_with_a_check_per_part()
    {
        var response = await Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("model").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("catalog").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_count_queries_and_expose_latency_and_indexing()
    {
        (await Client.GetAsync("/api/search?q=a+red+circle")).EnsureSuccessStatusCode();

        var metrics = await Client.GetStringAsync("/metrics");

        Assert.Contains("semsearch_search_queries", metrics);
        Assert.Contains("kind=\"text\"", metrics);
        Assert.Contains("semsearch_search_duration_seconds_bucket", metrics);
        Assert.Contains("semsearch_indexing_rate", metrics);
        Assert.Contains("dotnet_process_cpu_time", metrics);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints()
    {
        var document = await Client.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/search", "/api/search/image", "/api/images/{id}/similar", "/api/images/{id}/thumbnail", "/api/status", "/api/admin/reindex" })
            Assert.Contains($"\"{path}\"", document);
    }
}
