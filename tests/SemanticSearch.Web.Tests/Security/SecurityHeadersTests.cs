using System.Net;
using System.Text.RegularExpressions;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>Every response carries a Content-Security-Policy that the pages' own markup satisfies, and no framing.</summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private const string Remote = "192.0.2.80";
    private AccessHost _host = default!;

    public Task InitializeAsync()
    {
        _host = new AccessHost(new Dictionary<string, string?> { ["SemanticSearch:Admin:ApiKey"] = "headers-admin-key-6a1b" });
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/admin/signin", HttpStatusCode.OK)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/api/admin/sources", HttpStatusCode.Unauthorized)]
    [InlineData("/api/images/999999", HttpStatusCode.NotFound)]
    public async Task Responses_forbid_framing_and_inline_scripts(string url, HttpStatusCode status)
    {
        var response = await _host.SendAsync(HttpMethod.Get, url, Remote);

        Assert.Equal(status, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/signin")]
    public async Task Pages_have_no_inline_script_the_policy_would_block(string url)
    {
        var html = await (await _host.SendAsync(HttpMethod.Get, url, Remote)).Content.ReadAsStringAsync();

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains(" src=", tag));
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [GeneratedRegex("<script\\b[^>]*>")]
    private static partial Regex ScriptTag();
}
