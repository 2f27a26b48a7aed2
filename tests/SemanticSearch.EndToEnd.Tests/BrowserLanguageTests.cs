using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>
/// A host whose model needs the text's language (NLLB-style tokenizer on the demo towers), searched from browsers set to
/// different languages: the page sends the browser's language, and one the model lacks is read as English with a note.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserLanguageTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MultilingualModelFolder _model = new();
    private readonly TempDirectory _data = new("semsearch-e2e-lang-data");
    private readonly FixtureGallery _gallery = new();
    private WebHostProcess _host = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        _host = await WebHostProcess.StartAsync(_data.Path, _gallery.Folder, BrowserFixture.AdminKey,
            Path.Combine(BrowserFixture.ArtifactsDirectory, "language-host.log"),
            environment: new Dictionary<string, string> { ["SemanticSearch__Model__Path"] = _model.Folder });
        await _host.WaitForIndexedAsync(_gallery.Files.Count, TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _gallery.Dispose();
        _data.Dispose();
        _model.Dispose();
    }

    private async Task<IPage> OpenInLocaleAsync(string locale)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Url, Locale = locale });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/?q=a%20red%20circle");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_browser_language_the_model_lacks_is_read_as_english_with_a_note()
    {
        var page = await OpenInLocaleAsync("fr-FR");

        await Expect(page.Locator("#language-note")).ToContainTextAsync("'fr-FR'");
        await Expect(page.Locator("#language-note")).ToContainTextAsync("read as English");
    }

    [Fact]
    public async Task A_browser_language_the_model_knows_gets_no_note()
    {
        var page = await OpenInLocaleAsync("de-DE");

        await Expect(page.Locator("#language-note")).ToHaveCountAsync(0);
    }
}
