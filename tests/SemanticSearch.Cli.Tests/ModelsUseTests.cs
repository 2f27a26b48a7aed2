using System.Text.Json;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Models;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>
/// <c>semsearch models use</c> and <c>models list</c> over a real data folder indexed with the demo model, with the
/// random-weight openai-hf export installed in its models/ folder as a pull leaves it.
/// </summary>
public sealed class ModelsUseTests : IAsyncLifetime
{
    private const string Second = "openai-hf";
    private const string SecondId = "openai-hf-random";
    private readonly IndexedGallery _gallery = new();

    public async Task InitializeAsync()
    {
        await _gallery.InitializeAsync();
        var installed = ModelFamilyFolders.Materialize(Second, Path.Combine(_gallery.DataFolder, "models"));
        File.WriteAllText(Path.Combine(installed, ModelStore.CompletionMarker), DateTimeOffset.UtcNow.ToString("O"));
    }

    public Task DisposeAsync() => _gallery.DisposeAsync();

    private async Task<string> SucceedAsync(params string[] arguments)
    {
        var (exit, output, error) = await SemsearchProcess.RunAsync(_gallery.WorkingDirectory, arguments);
        Assert.True(exit == 0, $"semsearch {string.Join(' ', arguments)} exited {exit}:\n{output}\n{error}");
        return output;
    }

    private async Task<Dictionary<string, JsonElement>> ListAsync() =>
        JsonDocument.Parse(await SucceedAsync("models", "list", "--json")).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.Clone());

    private int Photos => Directory.GetFiles(_gallery.Photos).Length;

    [Fact]
    public async Task Models_use_switches_the_catalog_and_list_search_and_stats_follow_the_new_model_and_switching_back_reuses_kept_vectors()
    {
        var before = await ListAsync();
        Assert.True(before["clip-demo (bundled)"].GetProperty("answering").GetBoolean());
        Assert.True(before[Second].GetProperty("installed").GetBoolean());
        Assert.False(before[Second].GetProperty("answering").GetBoolean());

        Assert.Contains($"{SecondId} answers searches now.", await SucceedAsync("models", "use", Second));

        var after = await ListAsync();
        Assert.True(after[Second].GetProperty("answering").GetBoolean());
        Assert.Equal(Photos, after[Second].GetProperty("storedVectors").GetInt64());
        Assert.False(after["clip-demo (bundled)"].GetProperty("answering").GetBoolean());
        Assert.Equal(Photos, after["clip-demo (bundled)"].GetProperty("storedVectors").GetInt64());
        Assert.Equal(SecondId, JsonDocument.Parse(await SucceedAsync("stats", "--json")).RootElement.GetProperty("model").GetString());
        // Search embeds the query with the chosen model (not the settings' demo model): a photo finds itself.
        var photo = Directory.GetFiles(_gallery.Photos).Order(StringComparer.Ordinal).First();
        var hits = JsonDocument.Parse(await SucceedAsync("search", "--image", photo, "--json")).RootElement;
        Assert.Equal(photo, hits[0].GetProperty("path").GetString());
        Assert.True(hits[0].GetProperty("score").GetDouble() > 0.999);

        // Back to the configured demo model by its folder: every vector is kept, so nothing is embedded again.
        var (exit, output, error) = await SemsearchProcess.RunAsync(_gallery.WorkingDirectory, "models", "use", before["clip-demo (bundled)"].GetProperty("path").GetString()!);
        Assert.True(exit == 0, output + error);
        Assert.Contains($"{Photos} of {Photos} images embedded", error);
        Assert.Contains("clip-demo answers searches now.", output);
        Assert.True((await ListAsync())["clip-demo (bundled)"].GetProperty("answering").GetBoolean());
    }

    [Fact]
    public async Task A_switch_left_pending_shows_in_the_list_and_the_next_models_use_finishes_it()
    {
        // As a web host stopped mid-switch leaves it: the switch recorded in the catalog, no vector of the new model yet.
        using (var catalog = new CatalogStore(Path.Combine(_gallery.DataFolder, "catalog.db")))
            new ModelVectorTable(catalog).SetPendingSwitch(new PendingModelSwitch(SecondId, new ModelChoice { Name = Second }));
        Assert.True((await ListAsync())[Second].GetProperty("pending").GetBoolean());

        var output = await SucceedAsync("models", "use", Second);

        Assert.Contains($"{SecondId} answers searches now.", output);
        var listed = await ListAsync();
        Assert.True(listed[Second].GetProperty("answering").GetBoolean());
        Assert.False(listed[Second].GetProperty("pending").GetBoolean());
    }

    [Fact]
    public async Task Models_use_refuses_a_folder_outside_the_models_folder_and_an_unknown_name_and_changes_nothing()
    {
        var outside = ModelFamilyFolders.Materialize(Second, Path.Combine(_gallery.WorkingDirectory, "elsewhere"));

        var (exit, _, error) = await SemsearchProcess.RunAsync(_gallery.WorkingDirectory, "models", "use", outside);
        Assert.Equal(1, exit);
        Assert.Contains("inside", error);
        (exit, _, error) = await SemsearchProcess.RunAsync(_gallery.WorkingDirectory, "models", "use", "no-such-model");
        Assert.Equal(1, exit);
        Assert.Contains("Unknown model", error);

        Assert.True((await ListAsync())["clip-demo (bundled)"].GetProperty("answering").GetBoolean());
    }
}
