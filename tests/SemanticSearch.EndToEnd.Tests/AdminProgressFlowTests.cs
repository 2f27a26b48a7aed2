using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>
/// The admin page during a run long enough to watch: the total and the ETA are known early, the bar moves, and a
/// cancelled run shows as cancelled, how far it got. Writes <c>admin-running.png</c> (the README's admin screenshot).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminProgressFlowTests(BrowserFixture browser, BigGalleryHost gallery) : IClassFixture<BigGalleryHost>
{
    private static readonly string Total = BigGalleryHost.ImageCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    // Records what the page shows at every change, so the test can check the whole run and not only its end.
    private const string WatchProgress = """
        () => {
          window.__progress = [];
          const record = () => window.__progress.push({
            state: document.querySelector('#crawl-state')?.textContent ?? '',
            value: document.querySelector('#index-progress')?.getAttribute('aria-valuenow') ?? null,
            done: document.querySelector('#progress-processed')?.textContent ?? '',
            eta: document.querySelector('#progress-eta')?.textContent ?? '',
          });
          new MutationObserver(record).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true });
          record();
        }
        """;

    private async Task<IPage> SignInAsync()
    {
        var page = await browser.NewPageAsync(baseUrl: gallery.Host.Url);
        await page.GotoAsync("/admin/signin");
        await page.Locator("#admin-key").FillAsync(BrowserFixture.AdminKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        return page;
    }

    private static async Task StartFullRebuildAsync(IPage page)
    {
        await page.Locator("#reindex-full").ClickAsync();
        await Expect(page.Locator("#confirm-full")).ToContainTextAsync($"all {Total} images");
        await page.Locator("#confirm-full-yes").ClickAsync();
        await Expect(page.Locator("#admin-message")).ToContainTextAsync("Full rebuild");
    }

    [Fact]
    public async Task A_full_rebuild_shows_its_total_and_eta_early_and_a_cancelled_one_says_how_far_it_got()
    {
        var page = await SignInAsync();
        await Expect(page.Locator("#sources")).ToContainTextAsync($"{Total} images");
        await Expect(page.Locator("#sources")).ToContainTextAsync("last scan");
        await page.EvaluateAsync(WatchProgress);

        await StartFullRebuildAsync(page);

        // Part-way with the total and a time left known: the screenshot the README shows.
        await page.WaitForFunctionAsync(
            "total => { const v = Number(document.querySelector('#index-progress')?.getAttribute('aria-valuenow')); " +
            "return document.querySelector('#crawl-state').textContent.startsWith('Running') && v >= 10 && v <= 60 " +
            "&& document.querySelector('#progress-processed').textContent.endsWith(' of ' + total) " +
            "&& !/unknown/.test(document.querySelector('#progress-eta').textContent); }",
            Total, new() { Timeout = 120_000, PollingInterval = 50 });
        await BrowserFixture.ScreenshotAsync(page, "admin-running.png");

        var seen = await page.EvaluateAsync<JsonElement>("() => window.__progress.filter(s => s.state.startsWith('Running'))");
        var running = seen.EnumerateArray().ToList();
        Assert.NotEmpty(running);
        // Within the first tenth of the run the page already knew the total and the time left.
        // (The first snapshots, before any image is done, cannot have a rate, so no time left.)
        var early = running.First(s => int.TryParse(s.GetProperty("value").GetString(), out var v) && v is >= 1 and <= 10);
        Assert.EndsWith($" of {Total}", early.GetProperty("done").GetString());
        Assert.DoesNotContain("unknown", early.GetProperty("eta").GetString());

        // The screenshot can take seconds on a loaded machine while the run goes on, so this run may have finished
        // before its cancel lands (a disabled button then ignores the click); it is stopped only so the next can start.
        await page.EvaluateAsync("() => document.querySelector('#reindex-cancel').click()");
        await Expect(page.Locator("#crawl-state")).ToHaveTextAsync(new Regex("^(Cancelled|Completed)"), new() { Timeout = 60_000 });

        // A second rebuild is cancelled by the page itself the moment it is a tenth done, with no round trip between
        // seeing the bar and pressing the button, so the run is certainly part-way when the cancel arrives.
        await StartFullRebuildAsync(page);
        await page.WaitForFunctionAsync(
            "() => { const v = Number(document.querySelector('#index-progress')?.getAttribute('aria-valuenow')); " +
            "if (!(document.querySelector('#crawl-state').textContent.startsWith('Running') && v >= 10)) return false; " +
            "document.querySelector('#reindex-cancel').click(); return true; }",
            null, new() { Timeout = 120_000, PollingInterval = 20 });
        await Expect(page.Locator("#crawl-state")).ToHaveTextAsync(new Regex($"^Cancelled after [\\d,]+ of {Regex.Escape(Total)}"), new() { Timeout = 60_000 });
        var percent = int.Parse((await page.Locator("#index-progress").GetAttributeAsync("aria-valuenow"))!);
        Assert.InRange(percent, 10, 99);
        await BrowserFixture.ScreenshotAsync(page, "admin-cancelled.png");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Add("X-Api-Key", BrowserFixture.AdminKey);
        var status = await (await gallery.Host.Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var lastRun = status.GetProperty("crawler").GetProperty("lastRun");
        Assert.Equal("cancelled", lastRun.GetProperty("outcome").GetString());
        Assert.Equal(BigGalleryHost.ImageCount, lastRun.GetProperty("toProcess").GetInt64());
        Assert.InRange(lastRun.GetProperty("indexed").GetInt64(), 1, BigGalleryHost.ImageCount - 1);
    }
}
