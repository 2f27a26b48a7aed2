using System.Net;
using System.Text.Json;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Models;

/// <summary>
/// A host started before its model is there (not pulled yet) says so, and once the folder appears (as a pull installs
/// it: moved into place whole) the model service loads it, the crawler starts and search answers, with no restart.
/// </summary>
public sealed class ModelAppearsLaterTests : IDisposable
{
    private readonly TempDirectory _root = new("semsearch-web-model-later");
    private readonly FixtureGallery _gallery = new();

    public void Dispose()
    {
        _gallery.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task A_model_folder_that_appears_while_the_host_runs_is_loaded_indexes_the_gallery_and_answers_without_a_restart()
    {
        var folder = _root.Combine("models", "clip-demo");
        await using var host = new AccessHost(new Dictionary<string, string?>
        {
            ["SemanticSearch:Model:Path"] = folder,
            ["SemanticSearch:ModelSwitch:RetrySeconds"] = "1",
        }, _gallery.Folder);

        var missing = await StatusAsync(host);
        Assert.False(missing.GetProperty("modelAvailable").GetBoolean());
        Assert.Equal(0, missing.GetProperty("indexed").GetInt64());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.SendAsync(HttpMethod.Get, "/api/search?q=red+circle", "198.51.100.20")).StatusCode);

        var staging = _root.Combine("models", "clip-demo.partial");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.DemoModel, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(staging, Path.GetRelativePath(RepoPaths.DemoModel, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        Directory.Move(staging, folder);

        // Loaded on the next retry; the crawler then starts by itself and indexes the source.
        var until = DateTime.UtcNow.AddMinutes(3);
        JsonElement status;
        while (true)
        {
            status = await StatusAsync(host);
            if (status.GetProperty("modelAvailable").GetBoolean() && status.GetProperty("indexed").GetInt64() == _gallery.Files.Count)
                break;
            Assert.True(DateTime.UtcNow < until, "The model that appeared was not used: " + status);
            await Task.Delay(100);
        }
        Assert.Equal("clip-demo", status.GetProperty("model").GetString());
        var results = await SearchResultsJson.ReadAsync(await host.SendAsync(HttpMethod.Get, "/api/search?q=red+circle&k=3", "198.51.100.21"));
        Assert.Equal("red-circle", results.Combinations().First());
    }

    private static async Task<JsonElement> StatusAsync(AccessHost host)
    {
        var response = await host.SendAsync(HttpMethod.Get, "/api/status", "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
