using System.Net;
using Microsoft.Extensions.Options;
using SemanticSearch.Web.Security;

namespace SemanticSearch.Web.Tests.Hosting;

public sealed class AdminKeyTests
{
    [Fact]
    public void Only_the_configured_key_matches()
    {
        var key = new AdminKey(Options.Create(new AdminOptions { ApiKey = "s3cret" }));

        Assert.True(key.IsConfigured);
        Assert.True(key.Matches("s3cret"));
        Assert.False(key.Matches("s3cret "));
        Assert.False(key.Matches("S3CRET"));
        Assert.False(key.Matches(""));
        Assert.False(key.Matches(null));
        Assert.Equal(16, key.Fingerprint!.Length);
    }

    [Fact]
    public void No_configured_key_matches_nothing()
    {
        var key = new AdminKey(Options.Create(new AdminOptions()));

        Assert.False(key.IsConfigured);
        Assert.False(key.Matches(""));
        Assert.False(key.Matches("anything"));
    }

    [Fact]
    public void Loopback_means_this_machine()
    {
        Assert.True(AdminKey.IsLoopback(IPAddress.Loopback));
        Assert.True(AdminKey.IsLoopback(IPAddress.IPv6Loopback));
        Assert.False(AdminKey.IsLoopback(IPAddress.Parse("192.0.2.1")));
        Assert.False(AdminKey.IsLoopback(null));
    }

    [Theory]
    [InlineData("/admin", "/admin")]
    [InlineData("/admin?x=1", "/admin?x=1")]
    [InlineData("//evil.example", "/admin")]
    [InlineData("/\\evil.example", "/admin")]
    [InlineData("https://evil.example/", "/admin")]
    [InlineData(null, "/admin")]
    public void Return_urls_stay_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(returnUrl));
}
