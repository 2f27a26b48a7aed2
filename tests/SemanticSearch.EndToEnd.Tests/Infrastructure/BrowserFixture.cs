using Microsoft.Playwright;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real host over the fixture gallery, fully indexed, and a headless Debian Chromium driven by Playwright.
/// A missing browser is a failure with a message, never a skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The admin key the host is started with.</summary>
    public const string AdminKey = "e2e-admin-key-4f1c2a";

    /// <summary>Debian's chromium; tools/test.sh installs it on CI.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDirectory _data = new("semsearch-e2e-data");
    private IPlaywright? _playwright;

    internal FixtureGallery Gallery { get; private set; } = default!;

    internal WebHostProcess Host { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots and the host log go (the test output folder).</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ChromiumPath}. Install Debian's package (apt-get install chromium); " +
                "bash tools/test.sh installs it when run as root. The end-to-end tests need a real browser.");
        }
        Directory.CreateDirectory(ArtifactsDirectory);
        Gallery = new FixtureGallery();
        Host = await WebHostProcess.StartAsync(_data.Path, Gallery.Folder, AdminKey, Path.Combine(ArtifactsDirectory, "host.log"));
        await Host.WaitForIndexedAsync(Gallery.Files.Count, TimeSpan.FromMinutes(3));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh browser context (no cookies) and page on the host (or on <paramref name="baseUrl"/>).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? Host.Url,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and waits until Blazor made the page interactive.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        // The image file input is wired by a JS call after that render; a file set before it would be lost (seen on a
        // loaded machine), so a page with one is ready once app.js says the input can take a file.
        await page.WaitForFunctionAsync("() => !document.getElementById('image-query-file') || window.semsearch.fileInputReady()");
        return page;
    }

    /// <summary>Saves a screenshot to the test output.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name) });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Host is not null)
            await Host.DisposeAsync();
        Gallery?.Dispose();
        _data.Dispose();
    }
}
