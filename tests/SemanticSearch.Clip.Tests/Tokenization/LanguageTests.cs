using SemanticSearch.Clip.Onnx;
using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>BCP 47 to FLORES-200, the language token NLLB-style tokenizers put first, and the English fallback.</summary>
public sealed class LanguageTests
{
    [Theory]
    [InlineData("en", "eng_Latn")]
    [InlineData("en-US", "eng_Latn")]
    [InlineData("de-CH", "deu_Latn")]
    [InlineData("pt_BR", "por_Latn")]
    [InlineData("zh", "zho_Hans")]
    [InlineData("zh-CN", "zho_Hans")]
    [InlineData("zh-TW", "zho_Hant")]
    [InlineData("zh-Hant-HK", "zho_Hant")]
    [InlineData("ar-EG", "arb_Arab")]
    [InlineData("fa", "pes_Arab")]
    [InlineData("nb-NO", "nob_Latn")]
    [InlineData("JA", "jpn_Jpan")]
    public void Common_tags_map_to_their_flores_code(string tag, string code) =>
        Assert.Equal(code, FloresLanguageMap.Resolve(tag));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tlh")]
    [InlineData("x-klingon")]
    public void Unknown_or_missing_tags_have_no_code(string? tag) => Assert.Null(FloresLanguageMap.Resolve(tag));

    [Fact]
    public void The_map_knows_at_least_thirty_languages_and_only_flores_shaped_codes()
    {
        Assert.True(FloresLanguageMap.Count >= 30, $"{FloresLanguageMap.Count} languages");
        foreach (var tag in new[] { "en", "de", "fr", "es", "ru", "hi", "bn", "ja", "ko", "vi", "th", "sw", "ta", "he" })
            Assert.True(FloresLanguageMap.IsFloresCode(FloresLanguageMap.Resolve(tag)), tag);
        Assert.False(FloresLanguageMap.IsFloresCode("eng_latn"));
        Assert.False(FloresLanguageMap.IsFloresCode("eng_Latn\n"));
    }

    [Fact]
    public void A_language_token_replaces_the_templates_and_leads_the_text()
    {
        using var folder = new MultilingualModelFolder();
        var tokenizer = Assert.IsType<SentencePieceTextTokenizer>(TextTokenizerLoader.Load(folder.Folder));
        var text = SentencePieceParityTests.Load("bpe", "spiece.model").Encode("a photo of a dog");

        Assert.True(tokenizer.NeedsLanguage);
        Assert.Equal([folder.LanguageIds["deu_Latn"], .. text, folder.EndId], tokenizer.EncodeForModel("a photo of a dog", 64, "deu_Latn"));
        Assert.Equal([folder.LanguageIds["eng_Latn"], .. text, folder.EndId], tokenizer.EncodeForModel("a photo of a dog", 64));
        Assert.Equal([folder.LanguageIds["zho_Hans"], text[0], text[1], folder.EndId], tokenizer.EncodeForModel("a photo of a dog", 4, "zho_Hans"));
    }

    [Theory]
    [InlineData("de-DE", "deu_Latn", false)]
    [InlineData(null, "eng_Latn", false)]
    [InlineData("tlh", "eng_Latn", true)]  // not a language the map knows
    [InlineData("fr", "eng_Latn", true)]   // known, but not in this vocabulary
    public void Languages_resolve_for_a_model_that_needs_one_and_fall_back_to_english_with_a_note(string? tag, string code, bool note)
    {
        using var folder = new MultilingualModelFolder();
        var language = TextLanguageResolver.Resolve(TextTokenizerLoader.Load(folder.Folder), tag);

        Assert.Equal(code, language.ModelCode);
        Assert.Equal(note, language.Note is not null);
        if (note)
            Assert.Contains(tag!, language.Note);
    }

    [Fact]
    public void A_model_that_needs_no_language_ignores_every_tag()
    {
        using var model = ClipEmbeddingModel.Load(new ClipModelOptions { Path = RepoPaths.DemoModel });
        var encoder = Assert.IsAssignableFrom<ILanguageTextEncoder>(model.Text);

        Assert.Same(TextLanguage.None, encoder.ResolveLanguage("tlh"));
        Assert.Same(TextLanguage.None, encoder.ResolveLanguage("de"));
        Assert.Equal(model.Text.EncodeTexts(["a red circle"])[0], encoder.EncodeTexts(["a red circle"], new TextLanguage("deu_Latn", null))[0]);
    }

    [Fact]
    public void The_language_reaches_the_text_tower_of_a_model_that_needs_one()
    {
        using var folder = new MultilingualModelFolder();
        using var model = ClipEmbeddingModel.Load(new ClipModelOptions { Path = folder.Folder });
        var encoder = Assert.IsAssignableFrom<ILanguageTextEncoder>(model.Text);

        var english = encoder.EncodeTexts(["a red circle"], encoder.ResolveLanguage("en"))[0];
        var german = encoder.EncodeTexts(["a red circle"], encoder.ResolveLanguage("de"))[0];

        Assert.Equal(english, model.Text.EncodeTexts(["a red circle"])[0]);
        Assert.NotEqual(english, german);
    }
}
