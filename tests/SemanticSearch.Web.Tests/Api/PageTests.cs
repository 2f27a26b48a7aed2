using System.Net;
using System.Text.RegularExpressions;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>The Blazor pages as served over HTTP (prerendered), and the admin sign-in flow.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class PageTests(WebAppFixture app)
{
    private HttpClient Client => app.Client;

    [Fact]
    public async Task The_search_page_has_one_search_box_and_prerenders_results_for_a_shared_url()
    {
        var response = await Client.GetAsync("/");
        var home = await response.Content.ReadAsStringAsync();
        Assert.Single(SearchInput().Matches(home));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("_framework/blazor.web.js", home);

        var shared = await Client.GetStringAsync("/?q=a+red+circle");
        var ids = ImageId().Matches(shared).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(ids);
        Assert.Contains("value=\"a red circle\"", shared);
    }

    [Fact]
    public async Task The_admin_page_asks_to_sign_in_and_the_key_signs_in()
    {
        var redirect = await Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/admin/signin", redirect.Headers.Location!.OriginalString.Replace("http://localhost", ""));

        var (cookies, token) = await ReadSignInFormAsync();
        var wrong = await PostSignInAsync(cookies, token, "not-the-key");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That key is not right.", await wrong.Content.ReadAsStringAsync());

        var right = await PostSignInAsync(cookies, token, WebAppFixture.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/admin", right.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        var session = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".SemanticSearch.Admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);

        using var admin = new HttpRequestMessage(HttpMethod.Get, "/admin");
        admin.Headers.Add("Cookie", session.Split(';')[0]);
        var page = await Client.SendAsync(admin);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("role=\"progressbar\"", html);
        Assert.Contains("aria-valuenow", html);
        Assert.Contains(app.Gallery.Folder, html);

        // The session cookie is for the page only: the admin API still wants the key.
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/admin/sources");
        api.Headers.Add("Cookie", session.Split(';')[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(api)).StatusCode);
    }

    [Theory]
    [InlineData("%2F%E3%80%80")]
    [InlineData("%2Fadmin%E3%80%80x")]
    [InlineData("%2F%0D%0ASet-Cookie:%20x=y")]
    public async Task Signing_in_with_a_return_url_that_cannot_be_a_header_goes_home(string returnUrl)
    {
        var (cookies, token) = await ReadSignInFormAsync(returnUrl);

        var right = await PostSignInAsync(cookies, token, WebAppFixture.AdminKey, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "admin-signin",
                ["Input.Key"] = WebAppFixture.AdminKey,
            }),
        };

        var response = await Client.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".SemanticSearch.Admin=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unknown_pages_are_404()
    {
        var response = await Client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());

        var api = await Client.GetAsync("/api/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.NotEqual("text/html", api.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(string Cookies, string Token)> ReadSignInFormAsync(string returnUrl = "%2Fadmin")
    {
        var response = await Client.GetAsync("/admin/signin?returnUrl=" + returnUrl);
        var html = await response.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, "The sign-in form carries an antiforgery token.");
        var cookies = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (cookies, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private Task<HttpResponseMessage> PostSignInAsync(string cookies, string token, string key, string returnUrl = "%2Fadmin")
    {
        var post = new HttpRequestMessage(HttpMethod.Post, "/admin/signin?returnUrl=" + returnUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "admin-signin",
                ["__RequestVerificationToken"] = token,
                ["Input.Key"] = key,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        return Client.SendAsync(post);
    }

    [GeneratedRegex("<input[^>]*type=\"search\"")]
    private static partial Regex SearchInput();

    [GeneratedRegex("data-image-id=\"(\\d+)\"")]
    private static partial Regex ImageId();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
