using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// A host with no model, no admin key and tight rate limits: it must start, say what is wrong and how to fix it,
/// keep status and admin working, allow admin only from this machine, and throttle searches per client.
/// </summary>
public sealed class DegradedHostTests : IAsyncLifetime
{
    private const string Loopback = "127.0.0.1";
    private const string Remote = "192.0.2.10";
    private readonly TempDirectory _data = new("semsearch-web-degraded");
    private SemanticSearchFactory _factory = default!;
    private HttpClient _client = default!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_data.Combine("gallery"));
        _factory = new SemanticSearchFactory(
            new Dictionary<string, string?>
            {
                ["SemanticSearch:DataDirectory"] = _data.Combine("data"),
                ["SemanticSearch:Sources:0:Location"] = _data.Combine("gallery"),
                ["SemanticSearch:Model:Path"] = _data.Combine("models", "openai", "clip-vit-base-patch32"),
                ["SemanticSearch:Admin:ApiKey"] = "",
                ["SemanticSearch:Crawler:ScanOnStartup"] = "false",
                ["SemanticSearch:RateLimiting:Burst"] = "3",
                ["SemanticSearch:RateLimiting:PermitsPerSecond"] = "1",
            },
            services => services.AddSingleton<IStartupFilter, TestRemoteAddress>());
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> GetAsync(string url, string from, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(TestRemoteAddress.Header, from);
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task A_missing_model_is_reported_with_the_pull_command_and_status_keeps_working()
    {
        var status = await (await GetAsync("/api/status", Remote)).Content.ReadFromJsonAsync<StatusDto>();
        Assert.False(status!.ModelAvailable);
        Assert.Contains("semsearch models pull", status.ModelMessage);
        Assert.Equal("idle", status.Crawler.State);

        var search = await ApiAssert.ProblemAsync(await GetAsync("/api/search?q=red", "198.51.100.1"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("semsearch models pull", search.Detail);

        var health = await (await GetAsync("/health", Remote)).Content.ReadAsStringAsync();
        Assert.Contains("\"Degraded\"", health);

        var page = await (await GetAsync("/", Remote)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"model-missing\"", page);
        Assert.Contains("semsearch models pull", page);
    }

    [Fact]
    public async Task Without_a_key_admin_is_open_to_loopback_only_and_says_so()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/admin/sources", Loopback)).StatusCode);
        var refused = await ApiAssert.ProblemAsync(await GetAsync("/api/admin/sources", Remote), HttpStatusCode.Unauthorized);
        Assert.Contains("No admin key is configured", refused.Detail);
        // A key cannot be guessed into working when none is configured.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/admin/sources", Remote, key: "")).StatusCode);

        var local = await GetAsync("/admin", Loopback);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains("id=\"loopback-admin\"", await local.Content.ReadAsStringAsync());

        var remote = await GetAsync("/admin", Remote);
        Assert.Equal(HttpStatusCode.Redirect, remote.StatusCode);
        var signIn = await (await GetAsync("/admin/signin", Remote)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"no-admin-key\"", signIn);
        Assert.DoesNotContain("id=\"admin-key\"", signIn);
    }

    [Fact]
    public async Task Reindexing_without_a_model_explains_instead_of_failing()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/reindex?mode=full");
        request.Headers.Add(TestRemoteAddress.Header, Loopback);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<ReindexResultDto>();
        Assert.False(result!.Started);
        Assert.Contains("model", result.Message);
    }

    [Fact]
    public async Task Searches_are_rate_limited_per_client_with_a_429_problem()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await GetAsync("/api/search?q=red", "203.0.113.5");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited ??= response;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, statuses[0]);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter is not null);
        await ApiAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        // Another client is not affected.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync("/api/search?q=red", "203.0.113.6")).StatusCode);
    }

    [Fact]
    public async Task The_search_page_is_rate_limited_with_a_429_and_its_error_state()
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6 && limited is null; i++)
        {
            var response = await GetAsync("/?q=red", "203.0.113.20");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited = response;
        }

        Assert.NotNull(limited);
        var html = await limited.Content.ReadAsStringAsync();
        Assert.Contains("id=\"search-error\"", html);
        Assert.Contains("Too many searches", html);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync("/?q=red", "203.0.113.21")).StatusCode);
    }

    [Fact]
    public async Task The_api_and_the_search_page_draw_from_one_bucket_per_client()
    {
        const string client = "203.0.113.30";
        // The first page render of a host is slow; warming it up from elsewhere keeps the bucket from refilling meanwhile.
        await GetAsync("/", Remote);

        var api = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            api.Add((await GetAsync("/api/search?q=red", client)).StatusCode);
        var pages = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            pages.Add((await GetAsync("/?q=red", client)).StatusCode);

        // The burst is 3 with one more a second: the page loads only fit if they had a bucket of their own.
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable], api);
        Assert.Contains(HttpStatusCode.TooManyRequests, pages);
    }

    [Fact]
    public async Task Clients_of_one_ipv6_network_share_a_bucket()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 6; i++)
            statuses.Add((await GetAsync("/api/search?q=red", $"2001:db8:1:2::{i:x}")).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync("/api/search?q=red", "2001:db8:1:3::1")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _data.Dispose();
    }
}
