using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Hosting;

/// <summary>
/// Which sources a host starts with: the configured ones plus <c>--source</c>, only <c>--source</c> with
/// <c>--no-configured-sources</c>, and never a configured source that was removed from its data folder.
/// </summary>
public sealed class StartupSourcesTests : IDisposable
{
    private const string Key = "startup-sources-key-0123456789";
    private readonly TempDirectory _temp = new("semsearch-web-startup");
    private readonly string _configured;
    private readonly string _extra;

    public StartupSourcesTests()
    {
        _configured = Directory.CreateDirectory(_temp.Combine("configured")).FullName;
        _extra = Directory.CreateDirectory(_temp.Combine("extra")).FullName;
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Waits until the previous host has let go of the data folder: one host at a time, and a disposed test host may
    /// finish stopping on the entry point's own thread.
    /// </summary>
    private async Task WaitForDataFolderAsync()
    {
        var folder = new DataFolder(_temp.Combine("data"));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                DataFolderLock.Acquire(folder, "the test").Dispose();
                return;
            }
            catch (DataFolderException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A host over this test's data folder; <paramref name="switches"/> reach Program as command-line switches.</summary>
    private SemanticSearchFactory Host(params (string Name, string Value)[] switches)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = _temp.Combine("data"),
            ["SemanticSearch:Sources:0:Kind"] = "Folder",
            ["SemanticSearch:Sources:0:Location"] = _configured,
            ["SemanticSearch:Sources:0:Watch"] = "true",
            ["SemanticSearch:Admin:ApiKey"] = Key,
            ["SemanticSearch:Crawler:ScanOnStartup"] = "false",
            ["SemanticSearch:RateLimiting:Enabled"] = "false",
        };
        // The test host hands its settings to Program as "--name=value" arguments, as a shell would.
        foreach (var (name, value) in switches)
            settings[name] = value;
        return new SemanticSearchFactory(settings);
    }

    /// <summary>The sources after the host synchronised them (a reindex run does that first).</summary>
    private static async Task<SourceDto[]> SourcesAfterStartAsync(SemanticSearchFactory host)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        (await client.PostAsJsonAsync("/api/admin/reindex", new { mode = "incremental" })).EnsureSuccessStatusCode();
        await host.Services.GetRequiredService<IReindexService>().WaitForIdleAsync();
        return (await client.GetFromJsonAsync<SourceDto[]>("/api/admin/sources"))!;
    }

    [Fact]
    public async Task A_source_given_on_the_command_line_is_added_next_to_the_configured_one()
    {
        await using var host = Host(("source", _extra + "/"));

        var sources = await SourcesAfterStartAsync(host);

        Assert.Equal([(_configured, true), (_extra, false)], sources.Select(s => (s.Location, s.Watch)).OrderBy(s => s.Location, StringComparer.Ordinal));
    }

    [Fact]
    public async Task No_configured_sources_starts_with_only_the_command_line_source()
    {
        await using var host = Host(("source", _extra), ("no-configured-sources", "true"));

        var sources = await SourcesAfterStartAsync(host);

        Assert.Equal([_extra], sources.Select(s => s.Location));
    }

    [Fact]
    public async Task A_configured_source_removed_from_the_admin_api_stays_removed_after_a_restart()
    {
        await using (var first = Host())
        {
            var configured = Assert.Single(await SourcesAfterStartAsync(first));
            using var client = first.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", Key);
            (await client.DeleteAsync($"/api/admin/sources/{configured.Id}")).EnsureSuccessStatusCode();
        }

        // One host at a time: the data folder's lock refuses a second one beside it.
        await WaitForDataFolderAsync();
        await using (var second = Host())
            Assert.Empty(await SourcesAfterStartAsync(second));

        // Asked for by name on the command line, it comes back.
        await WaitForDataFolderAsync();
        await using var third = Host(("source", _configured));
        Assert.Equal([_configured], (await SourcesAfterStartAsync(third)).Select(s => s.Location));
    }
}
