using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// The API on the random-weight NLLB-CLIP export in Immich's layout (tests/fixtures/model-families/nllb-clip):
/// <c>lang=</c> becomes the FLORES-200 token before the query, and a language its vocabulary lacks is read as English
/// with a note.
/// </summary>
public sealed class NllbClipSearchApiTests : IAsyncLifetime
{
    private readonly TempDirectory _models = new("semsearch-web-nllb");
    private WebAppFixture _app = default!;

    public async Task InitializeAsync()
    {
        _app = new WebAppFixture(new Dictionary<string, string?>
        {
            ["SemanticSearch:Model:Path"] = ModelFamilyFolders.Materialize("nllb-clip", _models.Path),
        });
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _models.Dispose();
    }

    [Fact]
    public async Task Lang_gives_NLLB_CLIP_the_language_of_the_query_and_an_unknown_one_falls_back_to_English()
    {
        const string query = "/api/search?q=ein+roter+Kreis&k=50&minScore=-1";
        var unsaid = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync(query));
        var english = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync(query + "&lang=en-US"));
        var german = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync(query + "&lang=de"));
        var italian = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync(query + "&lang=it"));

        Assert.Null(german.LanguageNote);
        Assert.Null(english.LanguageNote);
        // Only the first token (deu_Latn instead of eng_Latn) differs, and the model pools at that token.
        Assert.NotEqual(ScoresById(english), ScoresById(german));
        Assert.Equal(ScoresById(english), ScoresById(unsaid));
        Assert.Contains("'it'", italian.LanguageNote);
        Assert.Equal(ScoresById(english), ScoresById(italian));
    }

    private static IEnumerable<(long, float)> ScoresById(Web.Api.Contracts.SearchResultsDto results) =>
        results.Results.Select(r => (r.Id, r.Score)).OrderBy(r => r.Id);
}
