using System.Net;
using System.Text.RegularExpressions;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AdminFlowTests(BrowserFixture browser)
{
    // Records every state and progress value the page shows, so the test sees the run, not only its end.
    private const string WatchProgress = """
        () => {
          window.__progress = [];
          const record = () => window.__progress.push({
            state: document.querySelector('#crawl-state')?.textContent ?? '',
            value: document.querySelector('#index-progress')?.getAttribute('aria-valuenow') ?? null,
          });
          new MutationObserver(record).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true });
          record();
        }
        """;

    private const string SawRunningThenFinished = """
        () => {
          const seen = window.__progress;
          const start = seen.findIndex(s => s.state === 'Running a full rebuild');
          return start >= 0 && seen.slice(start).some(s => s.state.startsWith('Completed') && s.value === '100');
        }
        """;

    [Fact]
    public async Task An_admin_signs_in_starts_a_full_rebuild_and_watches_it_finish()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));

        await page.Locator("#admin-key").FillAsync("not the key");
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#signin-error")).ToHaveTextAsync("That key is not right.");

        await page.Locator("#admin-key").FillAsync(BrowserFixture.AdminKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator("#stat-indexed")).ToHaveTextAsync(browser.Gallery.Files.Count.ToString());
        await Expect(page.Locator("#sources")).ToContainTextAsync(browser.Gallery.Folder);
        var gallerySource = page.Locator("#sources li", new() { HasText = browser.Gallery.Folder });
        await Expect(gallerySource.Locator(".source-images")).ToContainTextAsync($"{browser.Gallery.Files.Count} images");
        await Expect(gallerySource.Locator(".source-scanned")).ToContainTextAsync("last scan");

        await page.EvaluateAsync(WatchProgress);
        // A full rebuild asks first, with the number of images it affects; backing out starts nothing.
        await page.Locator("#reindex-full").ClickAsync();
        await Expect(page.Locator("#confirm-full")).ToContainTextAsync($"all {browser.Gallery.Files.Count} images");
        await page.Locator("#confirm-full-no").ClickAsync();
        await Expect(page.Locator("#confirm-full")).ToHaveCountAsync(0);
        await page.Locator("#reindex-full").ClickAsync();
        await page.Locator("#confirm-full-yes").ClickAsync();

        await Expect(page.Locator("#admin-message")).ToContainTextAsync("Full rebuild");
        // The bar is at 100 from the start-up scan already: wait for this run to be seen running, then to end at 100.
        await page.WaitForFunctionAsync(SawRunningThenFinished, null, new() { Timeout = 120_000, PollingInterval = 100 });
        await Expect(page.Locator("#crawl-state")).ToHaveTextAsync(new Regex("^Completed: .* \\(finished just now\\)$"));
        await Expect(page.Locator("#index-progress")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#stat-indexed")).ToHaveTextAsync(browser.Gallery.Files.Count.ToString());
        await Expect(page.Locator("#progress-processed")).ToHaveTextAsync($"{browser.Gallery.Files.Count} of {browser.Gallery.Files.Count}");
        await BrowserFixture.ScreenshotAsync(page, "admin.png");
    }

    [Fact]
    public async Task The_admin_api_refuses_requests_without_the_key()
    {
        var without = await browser.Host.Http.PostAsync("/api/admin/reindex?mode=incremental", null);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("application/problem+json", without.Content.Headers.ContentType?.MediaType);

        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/api/admin/reindex?mode=incremental");
        withKey.Headers.Add("X-Api-Key", BrowserFixture.AdminKey);
        var accepted = await browser.Host.Http.SendAsync(withKey);
        Assert.True(accepted.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, accepted.StatusCode.ToString());
        await browser.Host.WaitForIndexedAsync(browser.Gallery.Files.Count, TimeSpan.FromMinutes(2));
    }
}
