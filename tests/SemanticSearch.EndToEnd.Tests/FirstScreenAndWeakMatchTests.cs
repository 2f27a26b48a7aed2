using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>Issue 8 §3 and §4 in the browser: the weak-match notice, and a first screen that teaches (real host, demo model).</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstScreenAndWeakMatchTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_query_for_something_the_gallery_lacks_says_so_above_the_closest_images()
    {
        var page = await browser.OpenAsync("/");

        await page.Locator("#search-input").FillAsync("cat");
        await page.Locator("#search-input").PressAsync("Enter");

        var notice = page.Locator("#weak-match");
        await Expect(notice).ToHaveTextAsync("Nothing here matches “cat” well; these are the closest images.");
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        var noticeBox = (await notice.BoundingBoxAsync())!;
        var tileBox = (await page.Locator(".tile").First.BoundingBoxAsync())!;
        Assert.True(noticeBox.Y + noticeBox.Height <= tileBox.Y, $"The notice (y={noticeBox.Y}) is not above the results (y={tileBox.Y}).");
        await BrowserFixture.ScreenshotAsync(page, "weak-match.png");

        await page.Locator("#search-input").FillAsync("a red circle");
        await page.Locator("#search-input").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        await Expect(notice).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_empty_page_names_the_model_and_an_example_is_one_click_from_its_results()
    {
        var page = await browser.OpenAsync("/");

        await Expect(page.Locator("#model-line")).ToContainTextAsync(
            "clip-demo: a small model that only knows coloured shapes — pull a real CLIP model for photos");
        await Expect(page.Locator("#syntax-help")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "first-screen.png");

        await page.Locator("#examples a.example", new PageLocatorOptions { HasText = "a red circle" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        await Expect(page.Locator("#search-input")).ToHaveValueAsync("a red circle");
        await Expect(page.Locator("#weak-match")).ToHaveCountAsync(0);
        await Expect(page.Locator("#first-screen")).ToHaveCountAsync(0);
    }
}
