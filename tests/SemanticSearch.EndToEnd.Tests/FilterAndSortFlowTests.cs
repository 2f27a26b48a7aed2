using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>Filters and date sort chosen through the page's filter bar: the URL keeps them and Back undoes them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FilterAndSortFlowTests(BrowserFixture browser)
{
    private static async Task<List<string>> ResultNamesAsync(IPage page) =>
        [.. (await page.Locator(".tile img").AllAsync()).Select(i => i.GetAttributeAsync("alt").Result!)];

    [Fact]
    public async Task Filters_and_date_sort_apply_through_the_bar_live_in_the_url_and_Back_undoes_them()
    {
        var page = await browser.OpenAsync("/?q=a%20red%20circle");
        await Expect(page.Locator(".tile").First.Locator("img")).ToHaveAttributeAsync("alt", new Regex("^red-circle-"));

        // The folder list comes from the catalog, with counts (named by source: the host has the demo gallery too).
        await page.Locator("#filters-toggle").ClickAsync();
        await Expect(page.Locator("#filter-folder option").Nth(1)).ToHaveTextAsync(new Regex($@"^semsearch-web-gallery-\w+: \(top\) \({browser.Gallery.Files.Count}\)$"));

        await page.Locator("#filter-format").SelectOptionAsync("png");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle&format=png$"));
        await Expect(page.Locator(".chip[data-filter=format]")).ToContainTextAsync("Format: PNG");
        await Expect(page.Locator("#search-took")).ToBeVisibleAsync();
        await Expect(page.Locator(".tile img").First).ToHaveAttributeAsync("alt", new Regex(@"\.png$"));
        Assert.All(await ResultNamesAsync(page), name => Assert.EndsWith(".png", name));

        await page.Locator("#sort-select").SelectOptionAsync("date");
        await Expect(page).ToHaveURLAsync(new Regex(@"&format=png&sort=date$"));
        await Expect(page.Locator(".chip[data-filter=sort]")).ToContainTextAsync("Newest first");
        await Expect(page.Locator("#sort-select")).ToHaveValueAsync("date");

        // Back undoes the sort, then the format; each step shows its own results.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"&format=png$"));
        await Expect(page.Locator(".chip[data-filter=sort]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#sort-select")).ToHaveValueAsync("relevance");
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
        await Expect(page.Locator("#filter-chips")).ToHaveCountAsync(0);
        await Expect(page.Locator(".tile img").First).ToHaveAttributeAsync("alt", new Regex("^red-circle-"));
        Assert.Contains(await ResultNamesAsync(page), name => !name.EndsWith(".png", StringComparison.Ordinal));

        // Forward again: a shared link with filters opens filtered.
        await page.GoForwardAsync();
        await Expect(page.Locator(".chip[data-filter=format]")).ToBeVisibleAsync();
    }
}
