using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>
/// Loopback-only admin (no admin key) must not be drivable by a web page on another site, nor through a foreign name
/// that resolves to 127.0.0.1 (DNS rebinding).
/// </summary>
public sealed class CrossSiteRequestTests : IAsyncLifetime
{
    private const string Loopback = "127.0.0.1";
    private AccessHost _host = default!;

    public Task InitializeAsync()
    {
        _host = new AccessHost(new Dictionary<string, string?> { ["SemanticSearch:Admin:ApiKey"] = "" });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_no_cors_post_from_another_site_cannot_start_a_full_rebuild()
    {
        // What fetch('http://localhost:5000/api/admin/reindex?mode=full', {method: 'POST', mode: 'no-cors'}) sends.
        var response = await _host.SendAsync(HttpMethod.Post, "/api/admin/reindex?mode=full", Loopback, new Dictionary<string, string>
        {
            ["Origin"] = "http://evil.example",
            ["Sec-Fetch-Site"] = "cross-site",
            ["Sec-Fetch-Mode"] = "no-cors",
        });

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(CrawlState.Idle, _host.Services.GetRequiredService<IReindexService>().Progress.State);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost:1")]
    public async Task A_post_whose_Origin_is_not_this_host_is_403_even_without_fetch_metadata(string origin)
    {
        using var content = JsonContent.Create(new { location = Path.GetTempPath() });
        var response = await _host.SendAsync(HttpMethod.Post, "/api/admin/sources", Loopback,
            new Dictionary<string, string> { ["Origin"] = origin }, content);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(_host.Services.GetRequiredService<SourceAdministration>().List(), s => s.Location == Path.GetTempPath());
    }

    [Fact]
    public async Task A_websocket_upgrade_from_another_site_is_403()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/_blazor?id=x", Loopback, new Dictionary<string, string>
        {
            ["Origin"] = "http://evil.example",
            ["Connection"] = "Upgrade",
            ["Upgrade"] = "websocket",
        });

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("same-origin", "http://localhost")]
    [InlineData(null, "http://localhost")]
    [InlineData(null, null)]
    public async Task Posts_from_this_site_and_from_non_browser_clients_still_work(string? fetchSite, string? origin)
    {
        var headers = new Dictionary<string, string>();
        if (fetchSite is not null)
            headers["Sec-Fetch-Site"] = fetchSite;
        if (origin is not null)
            headers["Origin"] = origin;

        var response = await _host.SendAsync(HttpMethod.Post, "/api/admin/cancel", Loopback, headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:5000")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task Loopback_admin_addressed_by_a_foreign_Host_is_403(string host)
    {
        using var content = JsonContent.Create(new { location = Path.GetTempPath() });
        var add = await _host.SendAsync(HttpMethod.Post, "/api/admin/sources", Loopback, new Dictionary<string, string> { ["Host"] = host }, content);
        var list = await _host.SendAsync(HttpMethod.Get, "/api/admin/sources", Loopback, new Dictionary<string, string> { ["Host"] = host });
        var page = await _host.SendAsync(HttpMethod.Get, "/admin", Loopback, new Dictionary<string, string> { ["Host"] = host });

        Assert.Contains("localhost", (await ApiAssert.ProblemAsync(add, HttpStatusCode.Forbidden)).Detail);
        await ApiAssert.ProblemAsync(list, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain(_host.Services.GetRequiredService<SourceAdministration>().List(), s => s.Location == Path.GetTempPath());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:5000")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:5000")]
    [InlineData("LOCALHOST")]
    public async Task Loopback_admin_answers_a_loopback_Host_on_any_port(string host)
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/api/admin/sources", Loopback, new Dictionary<string, string> { ["Host"] = host });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
