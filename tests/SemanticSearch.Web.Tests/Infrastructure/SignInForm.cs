using System.Net;
using System.Text.RegularExpressions;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>The sign-in page as a browser uses it: read the form (antiforgery cookie and token), post a key.</summary>
internal static partial class SignInForm
{
    /// <summary>The antiforgery cookie and form token of a fresh sign-in page.</summary>
    public static async Task<(string Cookies, string Token)> ReadAsync(AccessHost host, string from)
    {
        var response = await host.SendAsync(HttpMethod.Get, "/admin/signin", from);
        var html = await response.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, "The sign-in form carries an antiforgery token: " + html);
        var cookies = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (cookies, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>Posts <paramref name="key"/> with a fresh form.</summary>
    public static async Task<HttpResponseMessage> PostAsync(AccessHost host, string from, string key, string returnUrl = "/admin")
    {
        var (cookies, token) = await ReadAsync(host, from);
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "admin-signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Key"] = key,
        });
        return await host.SendAsync(HttpMethod.Post, "/admin/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), from,
            new Dictionary<string, string> { ["Cookie"] = cookies }, content);
    }

    /// <summary>Signs in and returns the session cookie ("name=value").</summary>
    public static async Task<string> SessionCookieAsync(AccessHost host, string from, string key)
    {
        var response = await PostAsync(host, from, key);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in redirects, got {(int)response.StatusCode}");
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".SemanticSearch.Admin=", StringComparison.Ordinal)).Split(';')[0];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
