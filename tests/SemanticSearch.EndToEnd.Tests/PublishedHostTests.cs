using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>
/// <c>dotnet publish</c> of the web host, started from <c>/</c> the way a systemd unit or a container starts it:
/// every asset its page references must be served from the application's own folder, and the UI must work.
/// Publishing is slow, so this class has its own collection and runs apart from the other browser tests.
/// </summary>
[Collection(nameof(PublishedHostTests))]
[CollectionDefinition(nameof(PublishedHostTests), DisableParallelization = true)]
public sealed partial class PublishedHostTests : IAsyncLifetime
{
    private readonly TempDirectory _published = new("semsearch-published");
    private readonly TempDirectory _data = new("semsearch-published-data");
    private FixtureGallery _gallery = default!;
    private WebHostProcess _host = default!;

    public async Task InitializeAsync()
    {
        // The same configuration as these tests, from the build that is already there.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var (exit, output) = await ChildProcess.RunAsync("publish", RepoPaths.Root,
            [RepoPaths.Combine("web", "SemanticSearch.Web"), "-c", configuration, "--no-build", "-o", _published.Path], TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, "dotnet publish failed:\n" + output);

        _gallery = new FixtureGallery();
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        _host = await WebHostProcess.StartAsync(_data.Path, _gallery.Folder, BrowserFixture.AdminKey,
            Path.Combine(BrowserFixture.ArtifactsDirectory, "published-host.log"),
            dll: Path.Combine(_published.Path, "SemanticSearch.Web.dll"), workingDirectory: "/");
        await _host.WaitForIndexedAsync(_gallery.Files.Count, TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task A_published_host_started_from_the_root_folder_serves_every_asset_its_page_references()
    {
        var page = await _host.Http.GetStringAsync("/");
        var assets = AssetReference().Matches(page).Select(m => m.Groups["url"].Value)
            .Where(url => !url.StartsWith("http", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
            .Distinct().ToList();

        // app.css and app.js are referenced by their fingerprinted names (app.<hash>.css).
        Assert.Contains(assets, a => a.StartsWith("app.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("app.", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith("blazor.web.js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await _host.Http.GetAsync(asset.TrimStart('/'));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length > 0, $"{asset} is served empty\n{_host.Tail()}");
        }
    }

    [Fact]
    public async Task The_search_scenario_works_on_a_published_host()
    {
        Assert.True(File.Exists(BrowserFixture.ChromiumPath), $"Chromium is missing at {BrowserFixture.ChromiumPath} (apt-get install chromium).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = _host.Url });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        // Blazor made the page interactive: blazor.web.js and the circuit work.
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        // The stylesheet applied: the search box is styled, not the browser's default.
        Assert.NotEqual("0px", await page.Locator(".searchbox").EvaluateAsync<string>("e => getComputedStyle(e).borderRadius"));

        await page.Locator("input[type=search]").PressSequentiallyAsync("a red circle", new() { Delay = 40 });

        await Expect(page.Locator(".tile").First.Locator("img")).ToHaveAttributeAsync("alt", new Regex("^red-circle-"), new() { Timeout = 30_000 });
    }

    [GeneratedRegex("""<(?:link|script)\b[^>]*?\b(?:href|src)="(?<url>[^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        _gallery?.Dispose();
        _data.Dispose();
        _published.Dispose();
    }
}
