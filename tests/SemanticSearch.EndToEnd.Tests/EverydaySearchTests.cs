using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>Issue 8, "broken today": the phone layout, the tiles' focus ring and a bad drop over shown results.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EverydaySearchTests(BrowserFixture browser)
{
    private const string Query = "/?q=a%20red%20circle";

    [Fact]
    public async Task On_a_390_px_phone_the_search_box_is_one_line_nothing_scrolls_sideways_and_results_start_on_the_first_screen()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(Query);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();

        var box = (await page.Locator(".searchbox").BoundingBoxAsync())!;
        Assert.InRange(box.Height, 30, 80);
        // Every element that reaches past the right edge, named, so a failure says what overflows.
        var overflowing = await page.EvaluateAsync<string[]>(
            "() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]" +
            ".filter(e => e.getBoundingClientRect().right > w + 0.5)" +
            ".map(e => `${e.tagName.toLowerCase()}.${e.className} right=${e.getBoundingClientRect().right}`); }");
        Assert.Empty(overflowing);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        var firstTile = (await page.Locator(".tile").First.BoundingBoxAsync())!;
        Assert.True(firstTile.Y < 844, $"The first result starts at y={firstTile.Y}, below the first screen (844 px).");
        await BrowserFixture.ScreenshotAsync(page, "phone-390.png");
    }

    [Fact]
    public async Task A_tile_reached_with_the_keyboard_shows_the_focus_ring()
    {
        var page = await browser.OpenAsync(Query);
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        await page.Locator("input[type=search]").FocusAsync();

        for (var i = 0; i < 12 && !await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('tile')"); i++)
            await page.Keyboard.PressAsync("Tab");

        var shadow = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).boxShadow");
        Assert.Contains("rgba(79, 70, 229", shadow);
    }

    [Fact]
    public async Task Dropping_a_pdf_over_results_says_why_and_keeps_the_results_the_url_still_describes()
    {
        var page = await browser.OpenAsync(Query);
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        var shown = await page.Locator(".tile").CountAsync();

        await FileTransferScript.DropFileAsync(page, "%PDF-1.4 not really a picture"u8.ToArray(), "report.pdf", "application/pdf");

        await Expect(page.Locator("#search-error")).ToContainTextAsync("“report.pdf” is not an image");
        await Expect(page.Locator(".tile")).ToHaveCountAsync(shown);
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
    }
}
