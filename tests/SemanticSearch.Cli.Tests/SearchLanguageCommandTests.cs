using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch search --lang</c> run as a process, on a model whose tokenizer needs the text's language.</summary>
public sealed class SearchLanguageCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _work = new("semsearch-cli-lang");
    private readonly MultilingualModelFolder _model = new();

    public async Task InitializeAsync()
    {
        var photos = Directory.CreateDirectory(_work.Combine("photos")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "shapes")))
            File.Copy(file, Path.Combine(photos, Path.GetFileName(file)));
        File.WriteAllText(_work.Combine("appsettings.json"), """{ "SemanticSearch": { "DataDirectory": "data" } }""");
        var (exit, _, err) = await Semsearch("index", "--source", photos);
        Assert.True(exit == 0, err);
    }

    public Task DisposeAsync()
    {
        _model.Dispose();
        _work.Dispose();
        return Task.CompletedTask;
    }

    private Task<(int Exit, string Out, string Err)> Semsearch(params string[] arguments) =>
        SemsearchProcess.RunAsync(_work.Path, [.. arguments, "--model", _model.Folder]);

    [Fact]
    public async Task An_unknown_lang_is_searched_as_english_and_the_note_goes_to_stderr()
    {
        var english = await Semsearch("search", "a red circle", "--lang", "en", "--json");
        var unknown = await Semsearch("search", "a red circle", "--lang", "tlh", "--json");

        Assert.Equal((0, 0), (english.Exit, unknown.Exit));
        Assert.DoesNotContain("English", english.Err);
        Assert.Contains("'tlh'", unknown.Err);
        Assert.Contains("read as English", unknown.Err);
        Assert.Equal(english.Out, unknown.Out);
    }

    [Fact]
    public async Task A_malformed_lang_is_refused_before_searching()
    {
        var (exit, _, err) = await Semsearch("search", "a red circle", "--lang", "de CH");

        Assert.NotEqual(0, exit);
        Assert.Contains("--lang must be a language tag", err);
    }
}
