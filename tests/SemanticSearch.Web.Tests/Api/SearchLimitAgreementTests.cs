using System.Net;
using System.Text.RegularExpressions;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// Issue 8 §9: one query-length and one paging-depth setting (<c>SemanticSearch:Search</c>), and the search box, the
/// page and the API all apply it. The host runs with limits unlike the defaults, so a copy of a default anywhere shows.
/// </summary>
public sealed partial class SearchLimitAgreementTests : IAsyncLifetime
{
    private const int MaxQueryLength = 40;
    private const int MaxDepth = 300;

    private readonly WebAppFixture _app = new(new Dictionary<string, string?>
    {
        ["SemanticSearch:Search:MaxQueryLength"] = MaxQueryLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SemanticSearch:Search:MaxDepth"] = MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    /// <summary>A query of exactly <paramref name="length"/> characters that trimming leaves as it is.</summary>
    private static string QueryOf(int length) => Uri.EscapeDataString(string.Concat(Enumerable.Repeat("red circle ", 10))[..(length - 1)] + "s");

    [Fact]
    public async Task The_box_the_page_and_the_api_agree_on_the_configured_query_length()
    {
        var home = await _app.Client.GetStringAsync("/");
        Assert.Equal(MaxQueryLength.ToString(System.Globalization.CultureInfo.InvariantCulture), SearchInputMaxLength().Match(home).Groups[1].Value);

        var pageAtLimit = await _app.Client.GetAsync("/?q=" + QueryOf(MaxQueryLength));
        var pageOver = await _app.Client.GetAsync("/?q=" + QueryOf(MaxQueryLength + 1));
        Assert.Equal(HttpStatusCode.OK, pageAtLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pageOver.StatusCode);
        Assert.Contains($"{MaxQueryLength + 1} characters long; the limit is {MaxQueryLength}", await pageOver.Content.ReadAsStringAsync());

        var apiAtLimit = await _app.Client.GetAsync("/api/search?q=" + QueryOf(MaxQueryLength));
        Assert.Equal(HttpStatusCode.OK, apiAtLimit.StatusCode);
        var apiOver = await ApiAssert.ProblemAsync(await _app.Client.GetAsync("/api/search?q=" + QueryOf(MaxQueryLength + 1)), HttpStatusCode.BadRequest);
        Assert.Contains($"{MaxQueryLength + 1} characters long; the limit is {MaxQueryLength}", apiOver.Detail);
    }

    [Fact]
    public async Task The_api_pages_down_to_the_configured_depth_and_refuses_a_page_past_it_naming_its_parameters()
    {
        var last = await _app.Client.GetAsync($"/api/search?q=red&k=10&offset={MaxDepth - 10}");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);

        var past = await ApiAssert.ProblemAsync(await _app.Client.GetAsync($"/api/search?q=red&k=10&offset={MaxDepth - 9}"), HttpStatusCode.BadRequest);
        Assert.Contains($"offset + k must be at most {MaxDepth}", past.Detail);
    }

    [GeneratedRegex("<input id=\"search-input\"[^>]*maxlength=\"(\\d+)\"")]
    private static partial Regex SearchInputMaxLength();
}
