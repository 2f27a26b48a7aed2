using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>Issue 8 §9: the search box cuts a long paste to the query limit (SemanticSearch:Search) and says so.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueryLimitTests(BrowserFixture browser)
{
    private const int Limit = 500; // SemanticSearch:Search:MaxQueryLength in the root appsettings.json the host reads.

    [Fact]
    public async Task A_paste_longer_than_the_query_limit_is_cut_to_it_searched_and_the_box_says_it_was_cut()
    {
        var page = await browser.OpenAsync("/");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var box = page.Locator("#search-input");
        var notice = page.Locator("#search-truncated");
        Assert.Equal(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), await box.GetAttributeAsync("maxlength"));
        var text = string.Concat(Enumerable.Repeat("a red circle ", 60)).Trim();
        await page.EvaluateAsync("text => navigator.clipboard.writeText(text)", text);

        await box.FocusAsync();
        await page.Keyboard.PressAsync("Control+V");

        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync($"cut to {Limit} characters");
        await Expect(notice).ToContainTextAsync($"{text.Length - Limit} characters were left out");
        Assert.Equal(text[..Limit], await box.InputValueAsync());
        // What is left is searched, not refused.
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red"));
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        await Expect(page.Locator(".search-summary .error")).ToHaveCountAsync(0);

        // Editing the box by hand takes the notice away: it no longer describes what is there.
        await page.Keyboard.PressAsync("Backspace");
        await Expect(notice).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_paste_that_fits_goes_in_whole_without_a_notice()
    {
        var page = await browser.OpenAsync("/");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var box = page.Locator("#search-input");
        await page.EvaluateAsync("text => navigator.clipboard.writeText(text)", "a blue square");

        await box.FocusAsync();
        await page.Keyboard.PressAsync("Control+V");

        await Expect(box).ToHaveValueAsync("a blue square");
        await Expect(page.Locator(".tile").First).ToBeVisibleAsync();
        await Expect(page.Locator("#search-truncated")).ToBeHiddenAsync();
    }
}
