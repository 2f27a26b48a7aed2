using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>
/// The Content-Security-Policy as a real browser enforces it: Blazor still connects (websocket) and the pages stay
/// interactive, and Chromium reports no violation; signing out in the browser ends the session.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    // Runs before each document's own scripts (injected by the browser tooling, not by the page).
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation',
          e => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
        """;

    private static Task<string[]> ViolationsAsync(IPage page) => page.EvaluateAsync<string[]>("() => window.__cspViolations");

    [Fact]
    public async Task Search_and_admin_stay_interactive_under_the_policy_and_the_browser_reports_no_violation()
    {
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        var sockets = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await page.AddInitScriptAsync(RecordViolations);

        var home = await page.GotoAsync("/");
        var policy = (await home!.AllHeadersAsync())["content-security-policy"];
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.Locator("input[type=search]").PressSequentiallyAsync("a green star", new LocatorPressSequentiallyOptions { Delay = 40 });
        await Expect(page.Locator(".tile").First.Locator("img")).ToHaveAttributeAsync("alt", new Regex("^green-star-"));
        await Expect(page.Locator(".tile").First.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await page.Locator(".tile").First.Locator("img").EvaluateAsync<int>("img => img.naturalWidth") > 0, "Thumbnails load.");
        Assert.Empty(await ViolationsAsync(page));

        await page.GotoAsync("/admin");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
        await page.Locator("#admin-key").FillAsync(BrowserFixture.AdminKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator("#stat-indexed")).ToHaveTextAsync(browser.Gallery.Files.Count.ToString());
        Assert.Empty(await ViolationsAsync(page));

        // Signing out posts the admin page's form (antiforgery token included) and ends the session on the server.
        await page.Locator("form.signout button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await page.GotoAsync("/admin");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
        Assert.Empty(await ViolationsAsync(page));

        Assert.Contains(sockets, url => url.StartsWith(browser.Host.Url.Replace("http://", "ws://", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                                               || line.Contains("Refused to", StringComparison.OrdinalIgnoreCase));
    }
}
