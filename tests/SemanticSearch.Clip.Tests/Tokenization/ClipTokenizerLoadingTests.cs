using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>Which file a model folder's tokenizer comes from, what a bad file does, and the framing API.</summary>
public sealed class ClipTokenizerLoadingTests
{
    [Fact]
    public void Tokenizer_json_wins_over_vocab_and_merges()
    {
        using var folder = new TempDirectory("clip-tokenizer");
        ClipTokenizerReferenceTests.WriteTokenizerJson(folder.Combine("tokenizer.json"), asPairs: false);
        File.WriteAllText(folder.Combine("vocab.json"), "not json");
        File.WriteAllText(folder.Combine("merges.txt"), "not merges");
        Assert.Equal([320, 1125, 539, 320, 2368], ClipTokenizer.FromDirectory(folder.Path).Encode("a photo of a cat"));
    }

    [Fact]
    public void Vocab_and_merges_win_over_the_original_file()
    {
        using var folder = new TempDirectory("clip-tokenizer");
        File.Copy(TokenizerFixtures.DemoVocabJson, folder.Combine("vocab.json"));
        File.Copy(TokenizerFixtures.DemoMergesTxt, folder.Combine("merges.txt"));
        File.WriteAllText(folder.Combine("bpe_simple_vocab_16e6.txt.gz"), "not gzip");
        Assert.Equal([320, 1125, 539, 320, 1929], ClipTokenizer.FromDirectory(folder.Path).Encode("a photo of a dog"));
    }

    [Fact]
    public void The_original_file_in_a_model_folder_is_used()
    {
        using var folder = new TempDirectory("clip-tokenizer");
        File.Copy(TokenizerFixtures.BundledVocabulary, folder.Combine("bpe_simple_vocab_16e6.txt.gz"));
        File.WriteAllText(folder.Combine("vocab.json"), "{}"); // without merges.txt it is not a candidate
        Assert.Equal([49407, 953], ClipTokenizer.FromDirectory(folder.Path).Encode("<|endoftext|> after"));
    }

    [Fact]
    public void A_vocabulary_that_is_not_clips_is_rejected_clearly()
    {
        using var folder = new TempDirectory("clip-tokenizer");
        File.WriteAllText(folder.Combine("vocab.json"), "{\"a\":0,\"b\":1,\"ab\":2}");
        File.WriteAllText(folder.Combine("merges.txt"), "#version: 0.2\na b\n");
        var error = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromDirectory(folder.Path));
        Assert.Contains("49408", error.Message);
    }

    [Theory]
    [InlineData("vocab.json", "not json")]
    [InlineData("merges.txt", "#version: 0.2\nno-space-here\n")]
    [InlineData("tokenizer.json", "{\"model\": {\"vocab\": {\"a\": \"zero\"}, \"merges\": []}}")]
    [InlineData("bpe_simple_vocab_16e6.txt.gz", "not gzip")]
    public void Unreadable_tokenizer_files_give_invalid_data(string file, string content)
    {
        using var folder = new TempDirectory("clip-tokenizer");
        File.Copy(TokenizerFixtures.DemoVocabJson, folder.Combine("vocab.json"));
        File.Copy(TokenizerFixtures.DemoMergesTxt, folder.Combine("merges.txt"));
        if (file == "bpe_simple_vocab_16e6.txt.gz")
        {
            File.Delete(folder.Combine("vocab.json"));
            File.Delete(folder.Combine("merges.txt"));
        }

        File.WriteAllText(folder.Combine(file), content);
        Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromDirectory(folder.Path));
    }

    [Fact]
    public void A_missing_model_folder_is_an_error_not_a_silent_fallback()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ClipTokenizer.FromDirectory("/nonexistent/clip-model"));
    }

    [Fact]
    public void The_same_files_are_loaded_once()
    {
        Assert.Same(
            ClipTokenizer.FromBpeVocabulary(TokenizerFixtures.BundledVocabulary),
            ClipTokenizer.FromBpeVocabulary(TokenizerFixtures.BundledVocabulary));
    }

    [Fact]
    public void Model_input_keeps_the_end_token_last_for_any_context_length()
    {
        var tokenizer = ClipTokenizer.FromBpeVocabulary(TokenizerFixtures.BundledVocabulary);
        Assert.Equal([49406, 320, 1125, 49407], tokenizer.EncodeForModel("a photo of a cat", contextLength: 4));
        Assert.Equal([49406, 49407], tokenizer.EncodeForModel("a photo of a cat", contextLength: 2));
        Assert.Equal([49406, 49407], tokenizer.EncodeForModel(""));
        Assert.Equal([49406, 49407, 0, 0], tokenizer.EncodeForModelPadded("", contextLength: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.EncodeForModel("cat", contextLength: 1));
    }

    [Fact]
    public void Vocabulary_has_clips_49408_ids_in_every_format()
    {
        var fromGz = ClipVocabulary.FromBpeSimpleVocabulary(TokenizerFixtures.BundledVocabulary);
        var fromHf = ClipVocabulary.FromVocabAndMerges(TokenizerFixtures.DemoVocabJson, TokenizerFixtures.DemoMergesTxt);
        Assert.Equal(ClipTokenizer.VocabularySize, fromGz.TokenIds.Count);
        Assert.Equal(Enumerable.Range(0, ClipTokenizer.VocabularySize), fromGz.TokenIds.Values.Order());
        Assert.Equal(fromGz.TokenIds.OrderBy(p => p.Value), fromHf.TokenIds.OrderBy(p => p.Value));
        Assert.Equal(fromGz.Merges, fromHf.Merges);
        Assert.Equal(320, fromGz.TokenIds["a</w>"]);
    }
}
