using System.Globalization;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>A shared link is prerendered and then interactive; its query runs once, counted by the host's /metrics.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrerenderedSearchTests(BrowserFixture browser)
{
    // The Prometheus exporter caches a scrape briefly; waiting longer than that reads a fresh one.
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_shared_link_runs_its_search_once_though_it_is_prerendered_and_then_interactive()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.Host.Url) };
        await Task.Delay(ScrapeCache);
        var before = await TextSearchesAsync(http);

        var page = await browser.OpenAsync("/?q=a%20green%20star");
        await Expect(page.Locator(".tile").First.Locator("img")).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("^green-star-"));
        await Expect(page.Locator("#search-took")).ToContainTextAsync("results for “a green star”");
        // The circuit is up; a second search would have been answered within this pause.
        await Task.Delay(ScrapeCache);

        Assert.Equal(before + 1, await TextSearchesAsync(http));
    }

    [Fact]
    public async Task A_search_typed_after_a_prerendered_link_still_runs()
    {
        var page = await browser.OpenAsync("/?q=a%20green%20star");
        await Expect(page.Locator("#search-took")).ToContainTextAsync("results for “a green star”");

        await page.Locator("input[type=search]").FillAsync("a black triangle");
        await page.Locator("input[type=search]").PressAsync("Enter");

        await Expect(page.Locator(".tile").First.Locator("img")).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("^black-triangle-"));
    }

    /// <summary>Answered text searches so far (semsearch.search.queries, kind text, outcome ok).</summary>
    private static async Task<long> TextSearchesAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("semsearch_search_queries", StringComparison.Ordinal)
                           && line.Contains("kind=\"text\"", StringComparison.Ordinal)
                           && line.Contains("outcome=\"ok\"", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}
