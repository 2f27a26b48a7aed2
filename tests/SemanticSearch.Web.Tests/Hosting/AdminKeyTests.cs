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

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("127.0.0.1:1", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("attacker.example", false)]
    [InlineData("localhost.attacker.example", false)]
    [InlineData("127.0.0.2", false)]
    public void A_loopback_Host_names_this_machine(string host, bool loopback) =>
        Assert.Equal(loopback, AdminKey.IsLoopbackHost(new Microsoft.AspNetCore.Http.HostString(host)));

    [Fact]
    public void Loopback_means_this_machine()
    {
        Assert.True(AdminKey.IsLoopback(IPAddress.Loopback));
        Assert.True(AdminKey.IsLoopback(IPAddress.IPv6Loopback));
        Assert.False(AdminKey.IsLoopback(IPAddress.Parse("192.0.2.1")));
        Assert.False(AdminKey.IsLoopback(null));
    }
}
