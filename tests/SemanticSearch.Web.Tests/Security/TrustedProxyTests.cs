using System.Net;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>
/// Forwarded client addresses count only from configured reverse proxies, and a request that a proxy on this machine
/// forwarded is never "from this machine".
/// </summary>
public sealed class TrustedProxyTests
{
    private const string AdminKey = "proxy-admin-key-77c1";
    private const string Proxy = "10.20.0.2";

    private static Task<HttpResponseMessage> WithKeyAsync(AccessHost host, string key, string from, string? forwardedFor) =>
        host.SendAsync(HttpMethod.Get, "/api/admin/sources", from, forwardedFor is null
            ? new Dictionary<string, string> { ["X-Api-Key"] = key }
            : new Dictionary<string, string> { ["X-Api-Key"] = key, ["X-Forwarded-For"] = forwardedFor });

    private static AccessHost Host(params string[] proxies)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = AdminKey,
            ["SemanticSearch:Access:FailedAttemptsPerMinute"] = "3",
        };
        for (var i = 0; i < proxies.Length; i++)
            settings[$"SemanticSearch:Web:TrustedProxies:{i}"] = proxies[i];
        return new AccessHost(settings);
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forged_X_Forwarded_For_does_not_escape_the_throttle()
    {
        await using var host = Host();
        const string guesser = "198.51.100.40";
        for (var i = 0; i < 3; i++)
            await WithKeyAsync(host, $"guess-{i}", guesser, $"203.0.113.{i}");

        // Each guess claimed another client; all of them counted against the real sender.
        var limited = await WithKeyAsync(host, AdminKey, guesser, "203.0.113.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_throttle()
    {
        await using var host = Host(Proxy);
        for (var i = 0; i < 3; i++)
            await WithKeyAsync(host, $"guess-{i}", Proxy, "203.0.113.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithKeyAsync(host, AdminKey, Proxy, "203.0.113.7")).StatusCode);
        // Another client behind the same proxy is not affected by the guesser.
        Assert.Equal(HttpStatusCode.OK, (await WithKeyAsync(host, AdminKey, Proxy, "203.0.113.8")).StatusCode);
    }

    [Fact]
    public async Task A_request_forwarded_by_a_proxy_on_this_machine_is_not_loopback_admin()
    {
        // No admin key: admin answers this machine only. A reverse proxy on loopback must not make everyone local.
        await using var host = new AccessHost(new Dictionary<string, string?>());
        var local = new Dictionary<string, string> { ["Host"] = "localhost" };
        var proxied = new Dictionary<string, string> { ["Host"] = "localhost", ["X-Forwarded-For"] = "203.0.113.50" };

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "/api/admin/sources", "127.0.0.1", local)).StatusCode);
        var refused = await host.SendAsync(HttpMethod.Get, "/api/admin/sources", "127.0.0.1", proxied);
        await ApiAssert.ProblemAsync(refused, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_no_address_stops_the_host_with_its_name()
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var host = Host("not-an-address");
        });

        Assert.NotNull(error);
        Assert.Contains("not-an-address", error.ToString());
    }
}
