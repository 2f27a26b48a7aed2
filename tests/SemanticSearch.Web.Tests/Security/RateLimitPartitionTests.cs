using System.Net;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>Search rate limits apply per signed-in session as well as per address.</summary>
public sealed class RateLimitPartitionTests : IAsyncLifetime
{
    private const string ViewerKey = "limit-viewer-key-c3f0";
    private const string SharedAddress = "203.0.113.70";
    private AccessHost _host = default!;

    public Task InitializeAsync()
    {
        _host = new AccessHost(new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = "limit-admin-key-81d2",
            ["SemanticSearch:Access:Mode"] = "Private",
            ["SemanticSearch:Access:ViewerKey"] = ViewerKey,
            ["SemanticSearch:RateLimiting:Enabled"] = "true",
            ["SemanticSearch:RateLimiting:Burst"] = "2",
            ["SemanticSearch:RateLimiting:PermitsPerSecond"] = "1",
        });
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> SearchAsync(string cookie) =>
        _host.SendAsync(HttpMethod.Get, "/api/search?q=red", SharedAddress, new Dictionary<string, string> { ["Cookie"] = cookie });

    [Fact]
    public async Task One_signed_in_user_using_up_the_searches_does_not_stop_another_at_the_same_address()
    {
        var first = await SignInForm.SessionCookieAsync(_host, SharedAddress, ViewerKey);
        var second = await SignInForm.SessionCookieAsync(_host, SharedAddress, ViewerKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await SearchAsync(first)).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, (await SearchAsync(second)).StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
