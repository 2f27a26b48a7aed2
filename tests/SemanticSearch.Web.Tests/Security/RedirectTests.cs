using System.Net;
using SemanticSearch.Web.Security;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>Redirects never name the request's Host, and return URLs stay on this site.</summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private const string AdminKey = "redirect-admin-key-31c9";
    private const string Remote = "192.0.2.50";
    private AccessHost _host = default!;

    public Task InitializeAsync()
    {
        _host = new AccessHost(new Dictionary<string, string?> { ["SemanticSearch:Admin:ApiKey"] = AdminKey });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_redirect_to_sign_in_is_relative_whatever_the_Host()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/admin?tab=1", Remote, new Dictionary<string, string> { ["Host"] = "attacker.example" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/signin?returnUrl=%2Fadmin%3Ftab%3D1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_in_redirects_to_a_relative_local_return_url()
    {
        var signedIn = await SignInForm.PostAsync(_host, Remote, AdminKey, returnUrl: "/admin");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/caf\u00e9")]
    public async Task Signing_in_with_a_foreign_or_unsafe_return_url_goes_home(string returnUrl)
    {
        var signedIn = await SignInForm.PostAsync(_host, Remote, AdminKey, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/admin", "/admin")]
    [InlineData("/?q=red+circle", "/?q=red+circle")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/")]
    [InlineData("/caf\u00e9", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Return_urls_are_local_paths_a_header_can_carry(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(returnUrl));

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
