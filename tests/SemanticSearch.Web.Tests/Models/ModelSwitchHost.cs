using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Models;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Models;

/// <summary>
/// A real host over the fixture gallery, indexed with the demo model, with a second model (a random-weight family
/// export) in the data folder's models/ (the one place besides the configured model that a path may name) to switch to. The data folder outlives a host, so a test can start another on it.
/// </summary>
internal sealed class ModelSwitchHost : IAsyncDisposable
{
    public const string Key = "model-switch-admin-key-81c4";
    public const string Loopback = "127.0.0.1";
    public const string SecondModelId = "openai-hf-random";

    private readonly TempDirectory _root = new("semsearch-web-models");

    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Settings on top of the host's own (e.g. SemanticSearch:ModelSwitch).</param>
    public ModelSwitchHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        SecondModel = ModelFamilyFolders.Materialize("openai-hf", Path.Combine(DataDirectory, "models"));
        Host = Start();
    }

    public FixtureGallery Gallery { get; } = new();

    public AccessHost Host { get; private set; }

    public string SecondModel { get; }

    public string DataDirectory => _root.Combine("data");

    /// <summary>A folder beside the data folder: not a place a model may be switched to from.</summary>
    public string Outside => _root.Combine("outside");

    /// <summary>Stops the host (as a crash or a shutdown mid-switch would) and starts a new one on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = Start();
    }

    public async Task IndexGalleryAsync()
    {
        var started = await AdminAsync(HttpMethod.Post, "/api/admin/reindex");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Host.Services.GetRequiredService<IReindexService>().WaitForIdleAsync().WaitAsync(TimeSpan.FromMinutes(2));
    }

    public Task<HttpResponseMessage> AdminAsync(HttpMethod method, string url, object? body = null) =>
        Host.SendAsync(method, url, Loopback, new Dictionary<string, string> { ["X-Api-Key"] = Key },
            body is null ? null : JsonContent.Create(body));

    public async Task<JsonElement> StatusAsync()
    {
        var response = await AdminAsync(HttpMethod.Get, "/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls the status until <paramref name="done"/> holds (or fails the test after a minute).</summary>
    public async Task<JsonElement> StatusWhenAsync(Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var status = await StatusAsync();
            if (done(status))
                return status;
            Assert.True(DateTime.UtcNow < until, "The status never got there: " + status);
            await Task.Delay(50);
        }
    }

    /// <summary>Holds the crawler's run gate as an indexing run would: a switch then waits before its flip.</summary>
    public Task<IDisposable> HoldIndexingAsync() => Host.Services.GetRequiredService<CrawlerRunGate>().EnterAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Gallery.Dispose();
        _root.Dispose();
    }

    private AccessHost Start() => new(new Dictionary<string, string?>(_settings)
    {
        ["SemanticSearch:Admin:ApiKey"] = Key,
        ["SemanticSearch:Crawler:ScanOnStartup"] = "false",
        ["SemanticSearch:DataDirectory"] = DataDirectory,
        ["SemanticSearch:Model:Path"] = RepoPaths.DemoModel,
    }, Gallery.Folder);
}
