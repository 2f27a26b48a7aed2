using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// A host whose model needs the text's language (NLLB-style tokenizer on the demo towers): <c>lang=</c> chooses the
/// language token, and a language the search cannot give the model is read as English with a note.
/// </summary>
public sealed class MultilingualSearchApiTests : IAsyncLifetime
{
    private readonly MultilingualModelFolder _model = new();
    private WebAppFixture _app = default!;

    public async Task InitializeAsync()
    {
        _app = new WebAppFixture(new Dictionary<string, string?> { ["SemanticSearch:Model:Path"] = _model.Folder });
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _model.Dispose();
    }

    [Theory]
    [InlineData("tlh")]
    [InlineData("fr-FR")]
    public async Task An_unknown_language_is_read_as_english_with_a_note(string lang)
    {
        var english = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync("/api/search?q=a+red+circle&k=5&lang=en"));
        var unknown = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync($"/api/search?q=a+red+circle&k=5&lang={lang}"));

        Assert.Null(english.LanguageNote);
        Assert.Contains(lang, unknown.LanguageNote);
        Assert.Contains("English", unknown.LanguageNote);
        Assert.Equal(english.Results.Select(r => (r.Id, r.Score)), unknown.Results.Select(r => (r.Id, r.Score)));
    }

    [Fact]
    public async Task A_known_language_is_given_to_the_model_without_a_note()
    {
        var english = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync("/api/search?q=a+red+circle&k=5"));
        var german = await SearchResultsJson.ReadAsync(await _app.Client.GetAsync("/api/search?q=a+red+circle&k=5&lang=de-DE"));

        Assert.Null(german.LanguageNote);
        Assert.NotEqual(english.Results.Select(r => r.Score), german.Results.Select(r => r.Score));
    }
}
