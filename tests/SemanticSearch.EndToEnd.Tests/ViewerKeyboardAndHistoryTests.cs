using System.Text.RegularExpressions;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>Issue 8: the viewer keeps keyboard focus and Escape; settled queries are history entries.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ViewerKeyboardAndHistoryTests(BrowserFixture browser)
{
    [Fact]
    public async Task After_next_reaches_the_last_result_tab_stays_in_the_viewer_and_escape_closes_it()
    {
        var page = await browser.OpenAsync("/?q=a%20black%20triangle");
        var tiles = page.Locator(".tile");
        await Expect(tiles.First).ToBeVisibleAsync();
        var count = await tiles.CountAsync();
        await tiles.Nth(count - 2).ClickAsync();
        var viewer = page.Locator("#image-viewer");
        await Expect(viewer).ToBeVisibleAsync();

        // Next shows the last result and becomes disabled under the focus.
        await viewer.GetByLabel("Next result").ClickAsync();
        await Expect(viewer.GetByLabel("Next result")).ToBeDisabledAsync();

        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('image-viewer').contains(document.activeElement)"),
                $"Tab {i + 1} left the dialog.");
        }
        await page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Each_settled_query_is_its_own_history_entry()
    {
        var page = await browser.OpenAsync("/");
        var box = page.Locator("input[type=search]");

        await box.FillAsync("a red circle");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
        await Expect(page.Locator(".tile img").First).ToHaveAttributeAsync("alt", new Regex("^red-circle-"));
        await box.FillAsync("a blue square");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)blue(%20|\+)square$"));

        await page.GoBackAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
        await Expect(page.Locator(".tile img").First).ToHaveAttributeAsync("alt", new Regex("^red-circle-"));
    }

    [Fact]
    public async Task Back_closes_an_open_viewer_and_stays_on_the_results()
    {
        var page = await browser.OpenAsync("/?q=a%20green%20star");
        var tile = page.Locator(".tile").First;
        await Expect(tile.Locator("img")).ToHaveAttributeAsync("alt", new Regex("^green-star-"));
        await tile.ClickAsync();
        await Expect(page.Locator("#image-viewer")).ToBeVisibleAsync();

        await page.GoBackAsync();

        await Expect(page.Locator("#image-viewer")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)green(%20|\+)star$"));
        await Expect(page.Locator(".tile img").First).ToHaveAttributeAsync("alt", new Regex("^green-star-"));

        // Closing with Escape takes its history entry back too: Back then leaves the results, not a closed viewer.
        await page.Locator(".tile").First.ClickAsync();
        await Expect(page.Locator("#image-viewer")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#image-viewer")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)green(%20|\+)star$"));
    }
    [Fact]
    public async Task Back_after_more_like_this_returns_to_the_results_without_the_viewers_entry()
    {
        var page = await browser.OpenAsync("/?q=a%20green%20star");
        var tile = page.Locator(".tile").First;
        await Expect(tile.Locator("img")).ToHaveAttributeAsync("alt", new Regex("^green-star-"));
        await tile.ClickAsync();
        await Expect(page.Locator("#image-viewer")).ToBeVisibleAsync();

        await page.Locator("#more-like-this").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?similar=\d+$"));
        await Expect(page.Locator("#image-viewer")).ToHaveCountAsync(0);

        // The viewer's own entry is replaced by the similar search: one Back is the text results, not a closed viewer.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)green(%20|\+)star$"));
        await Expect(page.Locator(".tile img").First).ToHaveAttributeAsync("alt", new Regex("^green-star-"));
    }
}
