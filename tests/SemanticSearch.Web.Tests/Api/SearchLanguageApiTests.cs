using System.Net;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary><c>lang=</c> on the demo model, which takes no language: accepted, checked, and without effect.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SearchLanguageApiTests(WebAppFixture app)
{
    [Theory]
    [InlineData("de-CH")]
    [InlineData("tlh")]
    public async Task Lang_is_accepted_and_ignored_by_a_model_that_needs_no_language(string lang)
    {
        var plain = await SearchResultsJson.ReadAsync(await app.Client.GetAsync("/api/search?q=a+red+circle&k=5"));
        var response = await app.Client.GetAsync($"/api/search?q=a+red+circle&k=5&lang={lang}");
        var body = await response.Content.ReadAsStringAsync();
        var withLang = await SearchResultsJson.ReadAsync(response);

        Assert.Equal(plain.Results.Select(r => (r.Id, r.Score)), withLang.Results.Select(r => (r.Id, r.Score)));
        Assert.Null(withLang.LanguageNote);
        Assert.DoesNotContain("languageNote", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("de%0ACH")]
    [InlineData("a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-abcdefgh-ij")]
    public async Task A_malformed_lang_is_a_problem_naming_the_parameter(string lang)
    {
        var problem = await ApiAssert.ProblemAsync(
            await app.Client.GetAsync($"/api/search?q=a+red+circle&lang={lang}"), HttpStatusCode.BadRequest);

        Assert.StartsWith("lang must be a language tag", problem.Detail);
    }
}
