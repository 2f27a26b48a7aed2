using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>Which tokenizer a model folder gets from the files it has.</summary>
public sealed class TextTokenizerLoaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_clip_tokenizer_json_gives_the_clip_tokenizer_with_the_reference_ids_on_the_whole_corpus(bool mergesAsPairs)
    {
        using var folder = new TempDirectory("tokenizer-loader");
        ClipTokenizerReferenceTests.WriteTokenizerJson(folder.Combine("tokenizer.json"), mergesAsPairs);

        var tokenizer = Assert.IsType<ClipTokenizer>(TextTokenizerLoader.Load(folder.Path));

        var differing = TokenizerFixtures.Cases.Count(c => !c.ModelIds.SequenceEqual(tokenizer.EncodeForModel(c.Text, ClipTokenizer.DefaultContextLength)));
        Assert.Equal(0, differing);
    }

    [Fact]
    public void The_demo_model_keeps_the_clip_tokenizer()
    {
        var tokenizer = TextTokenizerLoader.Load(RepoPaths.DemoModel);

        Assert.IsType<ClipTokenizer>(tokenizer);
        Assert.Equal((77, 0, false, false), (tokenizer.ContextLength, tokenizer.PadId, tokenizer.PadsToContextLength, tokenizer.NeedsLanguage));
    }

    [Theory]
    [InlineData("unigram")]
    [InlineData("bpe")]
    public void A_sentencepiece_tokenizer_json_or_model_file_gives_the_sentencepiece_tokenizer(string model)
    {
        var expected = SentencePieceFixtures.Cases(model)[0];
        using var jsonOnly = new TempDirectory("tokenizer-loader");
        File.Copy(Path.Combine(SentencePieceFixtures.ModelFolder(model), "tokenizer.json"), jsonOnly.Combine("tokenizer.json"));
        using var modelOnly = new TempDirectory("tokenizer-loader");
        File.Copy(Path.Combine(SentencePieceFixtures.ModelFolder(model), "spiece.model"), modelOnly.Combine("spiece.model"));

        foreach (var folder in new[] { jsonOnly.Path, modelOnly.Path })
        {
            var tokenizer = Assert.IsType<SentencePieceTextTokenizer>(TextTokenizerLoader.Load(folder));
            Assert.Equal(expected.Ids, tokenizer.Encode(expected.Text));
            Assert.Equal(SentencePieceTextTokenizer.DefaultContextLength, tokenizer.ContextLength);
        }
    }

    [Fact]
    public void Tokenizer_config_sets_the_context_the_pad_token_and_the_begin_token()
    {
        using var folder = new TempDirectory("tokenizer-loader");
        File.Copy(Path.Combine(SentencePieceFixtures.ModelFolder("bpe"), "spiece.model"), folder.Combine("tokenizer.model"));
        File.WriteAllText(folder.Combine("tokenizer_config.json"),
            """{"model_max_length": 32, "pad_token": {"content": "</s>"}, "add_bos_token": true, "add_eos_token": false}""");

        var tokenizer = TextTokenizerLoader.Load(folder.Path);

        var bos = SentencePieceFixtures.SpecialId("bpe", "bos_id");
        var eos = SentencePieceFixtures.SpecialId("bpe", "eos_id");
        Assert.Equal((32, eos), (tokenizer.ContextLength, tokenizer.PadId));
        Assert.Equal([bos, .. tokenizer.Encode("a dog")], tokenizer.EncodeForModel("a dog", 32));
    }

    [Theory]
    [InlineData("""{"model": {"type": "WordPiece", "vocab": {}}}""", "WordPiece")]
    [InlineData("""{"normalizer": {"type": "Lowercase"}, "model": {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0], ["a", -1.0]]}}""", "Lowercase")]
    [InlineData("""{"normalizer": null, "pre_tokenizer": {"type": "Split"}, "model": {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]]}}""", "Split")]
    [InlineData("""{"normalizer": null, "model": {"type": "Unigram", "vocab": [["a", 0.0]]}}""", "unknown token")]
    public void A_tokenizer_json_sentencepiece_cannot_express_is_refused_naming_the_part(string json, string named)
    {
        using var folder = new TempDirectory("tokenizer-loader");
        File.WriteAllText(folder.Combine("tokenizer.json"), json);

        var error = Assert.Throws<InvalidDataException>(() => TextTokenizerLoader.Load(folder.Path));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_model_file_that_is_not_sentencepiece_is_refused_clearly()
    {
        using var folder = new TempDirectory("tokenizer-loader");
        File.WriteAllText(folder.Combine("spiece.model"), "not a protobuf \u00ff\u00ff\u00ff");

        var error = Assert.Throws<InvalidDataException>(() => TextTokenizerLoader.Load(folder.Path));

        Assert.Contains("spiece.model", error.Message);
    }
}
