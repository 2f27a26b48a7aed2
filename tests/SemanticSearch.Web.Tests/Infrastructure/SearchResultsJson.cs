using System.Net.Http.Json;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>Reads search answers.</summary>
internal static class SearchResultsJson
{
    public static async Task<SearchResultsDto> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var results = await response.Content.ReadFromJsonAsync<SearchResultsDto>();
        Assert.NotNull(results);
        return results;
    }

    /// <summary>"red-circle" of each result, best first.</summary>
    public static IEnumerable<string> Combinations(this SearchResultsDto results) =>
        results.Results.Select(r => FixtureGallery.CombinationOf(r.Path));
}
