using System.Text.RegularExpressions;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

/// <summary>A session signed out in one tab also ends in the tabs that stay open (their Blazor circuits).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_page_left_open_goes_to_sign_in_when_its_session_is_signed_out_in_another_tab()
    {
        var open = await browser.NewPageAsync();
        await open.GotoAsync("/admin/signin?returnUrl=%2Fadmin");
        await open.Locator("#admin-key").FillAsync(BrowserFixture.AdminKey);
        await open.Locator("button[type=submit]").ClickAsync();
        await Expect(open).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(open.Locator("[data-interactive=true]")).ToBeAttachedAsync();

        var other = await open.Context.NewPageAsync();
        await other.GotoAsync("/admin");
        await Expect(other.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await other.Locator("form.signout button[type=submit]").ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/$"));

        // The open tab's circuit re-checks its session every 10 s.
        await Expect(open).ToHaveURLAsync(new Regex("/admin/signin"), new() { Timeout = 45_000 });
        await Expect(open.Locator("#admin-key")).ToBeVisibleAsync();
    }
}
