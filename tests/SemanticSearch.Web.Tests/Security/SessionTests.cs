using System.Net;
using System.Text.RegularExpressions;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>Signed-in sessions end on the server: at sign-out (antiforgery-checked) and after the idle time.</summary>
public sealed partial class SessionTests : IAsyncLifetime
{
    private const string AdminKey = "session-admin-key-77aa";
    private const string Remote = "192.0.2.40";
    private AccessHost _host = default!;

    public Task InitializeAsync()
    {
        _host = new AccessHost(new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = AdminKey,
            ["SemanticSearch:Access:SessionHours"] = "2",
        });
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> AdminPageAsync(string cookies) =>
        _host.SendAsync(HttpMethod.Get, "/admin", Remote, new Dictionary<string, string> { ["Cookie"] = cookies });

    /// <summary>The admin page's sign-out form: its antiforgery cookie and token, for this session.</summary>
    private async Task<(string Cookies, string Token)> SignOutFormAsync(string session)
    {
        var page = await AdminPageAsync(session);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = SignOutToken().Match(html);
        Assert.True(form.Success, "The admin page has a sign-out form with a token.");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        return ($"{session}; {antiforgery}", WebUtility.HtmlDecode(form.Groups[1].Value));
    }

    private Task<HttpResponseMessage> SignOutAsync(string cookies, string? token) =>
        _host.SendAsync(HttpMethod.Post, "/admin/signout", Remote, new Dictionary<string, string> { ["Cookie"] = cookies },
            new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

    [Fact]
    public async Task A_cookie_copied_before_sign_out_gets_the_sign_in_page_afterwards()
    {
        var session = await SignInForm.SessionCookieAsync(_host, Remote, AdminKey);
        var (cookies, token) = await SignOutFormAsync(session);

        var signOut = await SignOutAsync(cookies, token);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location!.OriginalString);
        var replayed = await AdminPageAsync(session);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/admin/signin", replayed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_session_goes_on()
    {
        var session = await SignInForm.SessionCookieAsync(_host, Remote, AdminKey);
        var (cookies, _) = await SignOutFormAsync(session);

        await ApiAssert.ProblemAsync(await SignOutAsync(cookies, token: null), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await SignOutAsync(cookies, token: "forged"), HttpStatusCode.BadRequest);
        var empty = await _host.SendAsync(HttpMethod.Post, "/admin/signout", Remote, new Dictionary<string, string> { ["Cookie"] = cookies });
        await ApiAssert.ProblemAsync(empty, HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await AdminPageAsync(session)).StatusCode);
    }

    [Fact]
    public async Task A_session_unused_for_longer_than_SessionHours_expires_and_activity_keeps_it_alive()
    {
        var session = await SignInForm.SessionCookieAsync(_host, Remote, AdminKey);
        foreach (var minutes in new[] { 90, 180 })
        {
            _host.Clock.Offset = TimeSpan.FromMinutes(minutes);
            var active = await AdminPageAsync(session);
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
            session = RenewedCookie(active) ?? session;
        }

        _host.Clock.Offset = TimeSpan.FromMinutes(180 + 121);
        var expired = await AdminPageAsync(session);

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/admin/signin", expired.Headers.Location!.OriginalString);
    }

    /// <summary>The session cookie a sliding renewal sent back, as a browser would keep it.</summary>
    private static string? RenewedCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(".SemanticSearch.Admin=", StringComparison.Ordinal))?.Split(';')[0]
            : null;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [GeneratedRegex("action=\"/admin/signout\"[\\s\\S]*?name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex SignOutToken();
}
