using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>Issue 8: infinite scroll used to stop at 48 results on a desktop screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InfiniteScrollTests(BrowserFixture browser, LargeGalleryHost gallery) : IClassFixture<LargeGalleryHost>
{
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(1920, 1080)]
    public async Task Scrolling_down_on_a_desktop_keeps_loading_past_120_results(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height, gallery.Host.Url);
        await page.GotoAsync("/?q=a%20red%20circle");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();

        var shown = 0;
        for (var attempt = 0; attempt < 40 && shown <= 120; attempt++)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await page.WaitForTimeoutAsync(250);
            shown = await page.Locator(".tile").CountAsync();
        }

        Assert.True(shown > 120, $"Scrolling stopped at {shown} results.");
    }
}
