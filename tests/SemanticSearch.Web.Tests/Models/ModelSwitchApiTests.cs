using System.Net;
using System.Text.Json;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Models;

/// <summary>
/// Switching the running host to another model: searches keep answering from the old model while the new one embeds,
/// the status shows the pending model's progress, the index flips at once, and switching back is instant.
/// </summary>
public sealed class ModelSwitchApiTests : IAsyncLifetime
{
    private readonly ModelSwitchHost _models = new();

    public Task InitializeAsync() => _models.IndexGalleryAsync();

    public async Task DisposeAsync() => await _models.DisposeAsync();

    [Fact]
    public async Task A_client_searching_during_a_switch_never_gets_an_error_or_an_empty_page_and_the_flip_changes_the_model()
    {
        var before = await _models.StatusAsync();
        Assert.Equal("clip-demo", before.GetProperty("model").GetString());
        var indexed = before.GetProperty("indexed").GetInt64();
        Assert.Equal(_models.Gallery.Files.Count, indexed);

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var searches = 0;
        var client = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await _models.Host.SendAsync(HttpMethod.Get, "/api/search?q=red+circle&k=5", "198.51.100.7");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                    failures.Add($"{(int)response.StatusCode}: {body}");
                else if (JsonDocument.Parse(body).RootElement.GetProperty("results").GetArrayLength() == 0)
                    failures.Add("an empty page");
                searches++;
            }
        });

        JsonElement pending;
        using (await _models.HoldIndexingAsync())
        {
            var started = await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = _models.SecondModel });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var progress = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(ModelSwitchHost.SecondModelId, progress.GetProperty("model").GetString());
            Assert.Equal(indexed, progress.GetProperty("total").GetInt64());

            // Every image embedded; the flip waits for the indexing run this test holds, and the old model answers.
            pending = await _models.StatusWhenAsync(s => s.GetProperty("pendingModel").ValueKind == JsonValueKind.Object
                && s.GetProperty("pendingModel").GetProperty("phase").GetString() == "flipping");
            Assert.Equal("clip-demo", pending.GetProperty("model").GetString());
            Assert.Equal(indexed, pending.GetProperty("pendingModel").GetProperty("embedded").GetInt64());
            var during = searches;
            await _models.StatusWhenAsync(_ => searches > during + 2);
        }

        var after = await _models.StatusWhenAsync(s => s.GetProperty("model").GetString() == ModelSwitchHost.SecondModelId);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("pendingModel").ValueKind);
        Assert.True(after.GetProperty("modelChosenByAdmin").GetBoolean());
        Assert.Equal(indexed, after.GetProperty("indexed").GetInt64());
        Assert.Equal(indexed, after.GetProperty("vectors").GetInt64());
        var flipped = searches;
        await _models.StatusWhenAsync(_ => searches > flipped + 2);
        await stop.CancelAsync();
        await client;
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Switching_back_to_a_model_whose_vectors_are_kept_needs_no_embedding()
    {
        var indexed = (await _models.StatusAsync()).GetProperty("indexed").GetInt64();
        Assert.Equal(HttpStatusCode.Accepted, (await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = _models.SecondModel })).StatusCode);
        await _models.StatusWhenAsync(s => s.GetProperty("model").GetString() == ModelSwitchHost.SecondModelId);

        var listed = JsonDocument.Parse(await (await _models.AdminAsync(HttpMethod.Get, "/api/admin/models")).Content.ReadAsStringAsync()).RootElement;
        var demo = listed.EnumerateArray().Single(m => m.GetProperty("modelId").GetString() == "clip-demo");
        Assert.Equal(indexed, demo.GetProperty("storedVectors").GetInt64());
        Assert.False(demo.GetProperty("answering").GetBoolean());

        var back = await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = RepoPaths.DemoModel });
        Assert.Equal(HttpStatusCode.Accepted, back.StatusCode);
        var progress = JsonDocument.Parse(await back.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(indexed, progress.GetProperty("embedded").GetInt64());
        var status = await _models.StatusWhenAsync(s => s.GetProperty("model").GetString() == "clip-demo");
        Assert.Equal(indexed, status.GetProperty("vectors").GetInt64());
        var results = await SearchResultsJson.ReadAsync(await _models.Host.SendAsync(HttpMethod.Get, "/api/search?q=red+circle&k=3", "198.51.100.8"));
        Assert.Equal("red-circle", results.Combinations().First());
    }

    [Fact]
    public async Task A_switch_interrupted_by_a_shutdown_resumes_at_the_next_start_and_flips()
    {
        // Held and never released: the host is stopped while its switch waits to flip (the gate goes with the host).
        _ = await _models.HoldIndexingAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = _models.SecondModel })).StatusCode);
        await _models.StatusWhenAsync(s => s.GetProperty("pendingModel").ValueKind == JsonValueKind.Object
            && s.GetProperty("pendingModel").GetProperty("phase").GetString() == "flipping");
        await _models.RestartAsync();
        var status = await _models.StatusWhenAsync(s => s.GetProperty("model").GetString() == ModelSwitchHost.SecondModelId);
        Assert.Equal(status.GetProperty("indexed").GetInt64(), status.GetProperty("vectors").GetInt64());

        // The choice is persisted: another restart keeps the new model although the settings name the demo model.
        await _models.RestartAsync();
        Assert.Equal(ModelSwitchHost.SecondModelId, (await _models.StatusWhenAsync(s => s.GetProperty("modelAvailable").GetBoolean())).GetProperty("model").GetString());
    }
}
