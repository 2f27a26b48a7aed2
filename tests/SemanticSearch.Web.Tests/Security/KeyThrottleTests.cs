using System.Net;
using Microsoft.Extensions.Logging;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Security;

/// <summary>Wrong keys, on the API and on the sign-in form, are limited per client address and logged in summary.</summary>
public sealed class KeyThrottleTests : IAsyncLifetime
{
    private const string AdminKey = "throttle-admin-key-5e1d";
    private AccessHost _host = default!;

    public Task InitializeAsync()
    {
        _host = new AccessHost(new Dictionary<string, string?>
        {
            ["SemanticSearch:Admin:ApiKey"] = AdminKey,
            ["SemanticSearch:Access:FailedAttemptsPerMinute"] = "10",
        });
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> WithKeyAsync(string key, string from) =>
        _host.SendAsync(HttpMethod.Get, "/api/admin/sources", from, new Dictionary<string, string> { ["X-Api-Key"] = key });

    [Fact]
    public async Task After_ten_wrong_keys_in_a_minute_an_address_gets_429_with_Retry_After_even_for_the_right_key()
    {
        const string guesser = "198.51.100.7";
        for (var i = 0; i < 10; i++)
            await ApiAssert.ProblemAsync(await WithKeyAsync($"guess-{i}", guesser), HttpStatusCode.Unauthorized);

        var limited = await WithKeyAsync("guess-10", guesser);
        await ApiAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        await ApiAssert.ProblemAsync(await WithKeyAsync(AdminKey, guesser), HttpStatusCode.TooManyRequests);

        // Another address is not affected, and the guesser may try again once the minute is over.
        Assert.Equal(HttpStatusCode.OK, (await WithKeyAsync(AdminKey, "198.51.100.8")).StatusCode);
        _host.Clock.Offset = TimeSpan.FromSeconds(61);
        Assert.Equal(HttpStatusCode.OK, (await WithKeyAsync(AdminKey, guesser)).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_wrong_keys_is_logged_once_per_client_per_minute_with_a_count()
    {
        const string flooder = "198.51.100.20";
        for (var i = 0; i < 40; i++)
            await WithKeyAsync($"flood-{i}", flooder);

        var lines = _host.Logs.Lines.Where(l => l.Message.Contains(flooder, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Warning, line.Level);

        // A minute later the next attempt reports everything since: 39 more (9 wrong, 30 refused) and this one.
        _host.Clock.Offset = TimeSpan.FromSeconds(61);
        await WithKeyAsync("flood-late", flooder);
        lines = _host.Logs.Lines.Where(l => l.Message.Contains(flooder, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("10 wrong", lines[1].Message);
        Assert.Contains("30 throttled", lines[1].Message);
    }

    [Fact]
    public async Task The_sign_in_form_is_throttled_per_address_too()
    {
        const string guesser = "198.51.100.30";
        for (var i = 0; i < 10; i++)
        {
            var wrong = await SignInForm.PostAsync(_host, guesser, $"guess-{i}");
            Assert.Contains("That key is not right.", await wrong.Content.ReadAsStringAsync());
        }

        var limited = await SignInForm.PostAsync(_host, guesser, AdminKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Too many wrong keys", await limited.Content.ReadAsStringAsync());
        Assert.False(limited.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".SemanticSearch.Admin=", StringComparison.Ordinal)));
        // The key header from the same address is refused as well: one budget per address.
        await ApiAssert.ProblemAsync(await WithKeyAsync(AdminKey, guesser), HttpStatusCode.TooManyRequests);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
