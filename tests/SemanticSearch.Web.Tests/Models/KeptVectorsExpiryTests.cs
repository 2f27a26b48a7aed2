using System.Net;
using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Web.Tests.Models;

/// <summary>
/// <c>SemanticSearch:ModelSwitch:KeepOldVectors</c>: the vectors of a model that stopped answering are deleted at the
/// next switch (or start) once they have been kept that long, and not before.
/// </summary>
public sealed class KeptVectorsExpiryTests : IAsyncLifetime
{
    private readonly ModelSwitchHost _models = new(new Dictionary<string, string?> { ["SemanticSearch:ModelSwitch:KeepOldVectors"] = "1.00:00:00" });

    public Task InitializeAsync() => _models.IndexGalleryAsync();

    public async Task DisposeAsync() => await _models.DisposeAsync();

    private async Task<Dictionary<string, long>> StoredVectorsAsync() =>
        JsonDocument.Parse(await (await _models.AdminAsync(HttpMethod.Get, "/api/admin/models")).Content.ReadAsStringAsync()).RootElement
            .EnumerateArray().Where(m => m.GetProperty("modelId").ValueKind == JsonValueKind.String)
            .ToDictionary(m => m.GetProperty("modelId").GetString()!, m => m.GetProperty("storedVectors").GetInt64());

    [Fact]
    public async Task Vectors_kept_longer_than_the_setting_are_deleted_at_the_next_switch_and_younger_ones_stay()
    {
        var indexed = _models.Gallery.Files.Count;
        Assert.Equal(HttpStatusCode.Accepted, (await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = _models.SecondModel })).StatusCode);
        await _models.StatusWhenAsync(s => s.GetProperty("model").GetString() == ModelSwitchHost.SecondModelId);
        Assert.Equal(indexed, (await StoredVectorsAsync())["clip-demo"]);

        // Two days later the demo model's vectors are older than a day; the second model's start being kept now.
        _models.Host.Clock.Offset = TimeSpan.FromDays(2);
        var third = ModelFamilyFolders.Materialize("openclip", Path.Combine(_models.DataDirectory, "models"));
        Assert.Equal(HttpStatusCode.Accepted, (await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = third })).StatusCode);
        await _models.StatusWhenAsync(s => s.GetProperty("model").GetString() is { } m && m != ModelSwitchHost.SecondModelId && m != "clip-demo");

        // The expired vectors go right after the flip, on the switch's own thread: wait for that, not for a fixed time.
        var stored = await StoredVectorsAsync();
        for (var waited = 0; stored.GetValueOrDefault("clip-demo") > 0 && waited < 30_000; waited += 100)
        {
            await Task.Delay(100);
            stored = await StoredVectorsAsync();
        }
        Assert.False(stored.TryGetValue("clip-demo", out var demo) && demo > 0, $"clip-demo still has {demo} vectors");
        Assert.Equal(indexed, stored[ModelSwitchHost.SecondModelId]);
    }
}
