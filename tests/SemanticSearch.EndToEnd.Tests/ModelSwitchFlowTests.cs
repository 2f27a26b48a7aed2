using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>
/// Issue 9's done-when: the admin switches the running host to another model from the admin page while a client keeps
/// searching. No search fails or comes back empty during the switch, the page and /api/status show the pending model's
/// progress, and the index flips: status <c>model</c> changes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ModelSwitchFlowTests(BrowserFixture browser, ModelSwitchHost host) : IClassFixture<ModelSwitchHost>
{
    // Records what the panel shows at every change, so the test sees the switch part-way and not only its end.
    private const string WatchSwitch = """
        () => {
          window.__switch = [];
          const record = () => window.__switch.push({
            text: document.querySelector('#model-switch-text')?.textContent ?? '',
            value: document.querySelector('#model-switch-progress')?.getAttribute('aria-valuenow') ?? null,
            answering: document.querySelector('#model-answering-name')?.textContent ?? '',
          });
          new MutationObserver(record).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true });
          record();
        }
        """;

    private async Task<JsonElement> StatusAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Add("X-Api-Key", BrowserFixture.AdminKey);
        return await (await host.Host.Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string? ModelOf(JsonElement status) =>
        status.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : null;

    [Fact]
    public async Task The_admin_switches_models_from_the_page_while_searches_keep_answering_and_the_index_flips()
    {
        var before = ModelOf(await StatusAsync());
        Assert.False(string.IsNullOrEmpty(before));
        var page = await browser.NewPageAsync(baseUrl: host.Host.Url);
        await page.GotoAsync("/admin/signin");
        await page.Locator("#admin-key").FillAsync(BrowserFixture.AdminKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator("#model-answering-name")).ToHaveTextAsync(before!);
        var row = page.Locator($"tr[data-model=\"{ModelSwitchHost.SecondModel}\"]");
        await Expect(row.Locator(".model-use")).ToBeEnabledAsync();
        await page.EvaluateAsync(WatchSwitch);

        // A client searching all through the switch, and a watcher of /api/status.
        using var stop = new CancellationTokenSource();
        var problems = new ConcurrentQueue<string>();
        var searches = 0;
        var pendingSeen = new ConcurrentQueue<JsonElement>();
        var searching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await host.Host.Http.GetAsync("/api/search?q=a%20red%20square");
                var body = await response.Content.ReadAsStringAsync();
                Interlocked.Increment(ref searches);
                if (!response.IsSuccessStatusCode)
                    problems.Enqueue($"{(int)response.StatusCode}: {body}");
                else if (JsonDocument.Parse(body).RootElement.GetProperty("results").GetArrayLength() == 0)
                    problems.Enqueue("empty results");
                // A pause between searches leaves the switch some CPU on a two-core CI machine; it asserts nothing.
                await Task.Delay(20);
            }
        });
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var status = await StatusAsync();
                if (status.TryGetProperty("pendingModel", out var pending) && pending.ValueKind == JsonValueKind.Object)
                    pendingSeen.Enqueue(pending.Clone());
                await Task.Delay(50);
            }
        });

        await row.Locator(".model-use").ClickAsync();

        // The flip: the page names another answering model, and so does the status.
        await Expect(page.Locator("#model-answering-name")).Not.ToHaveTextAsync(before!, new() { Timeout = 180_000 });
        var after = ModelOf(await StatusAsync());
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(searching, watching);

        Assert.NotEqual(before, after);
        Assert.Equal(after, await page.Locator("#model-answering-name").TextContentAsync());
        Assert.True(searches > 10, $"Only {searches} searches ran during the switch.");
        Assert.Empty(problems);
        // Part-way, both the page and the status showed the pending model's progress.
        var seen = await page.EvaluateAsync<JsonElement>("() => window.__switch.filter(s => s.text.startsWith('Switching to'))");
        Assert.Contains(seen.EnumerateArray(), s => s.GetProperty("answering").GetString() == before && s.GetProperty("value").GetString() is not null);
        Assert.Contains(pendingSeen, p => p.GetProperty("model").GetString() == after);
        await BrowserFixture.ScreenshotAsync(page, "admin-models.png");
    }
}
