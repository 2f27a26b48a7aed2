using System.Text;
using System.Text.Json;
using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>Every vocabulary format must give exactly the Python reference's ids on the whole fixture.</summary>
public sealed class ClipTokenizerReferenceTests
{
    public static TheoryData<string> Formats => ["bpe_simple_vocab_16e6.txt.gz", "vocab.json+merges.txt",
        "tokenizer.json (merges as strings)", "tokenizer.json (merges as pairs)", "bundled fallback"];

    [Theory]
    [InlineData("a photo of a cat", new[] { 320, 1125, 539, 320, 2368 })]
    [InlineData("A PHOTO OF A DOG", new[] { 320, 1125, 539, 320, 1929 })]
    [InlineData("don't stop believin'", new[] { 847, 713, 1691, 4972, 530, 262 })]
    [InlineData("<|endoftext|> after", new[] { 49407, 953 })]
    [InlineData("", new int[0])]
    public void Issue_examples_give_the_published_ids(string text, int[] expected)
    {
        var tokenizer = ClipTokenizer.FromBpeVocabulary(TokenizerFixtures.BundledVocabulary);
        Assert.Equal(expected, tokenizer.Encode(text));
    }

    [Fact]
    public void Fixture_covers_a_few_hundred_varied_texts()
    {
        var cases = TokenizerFixtures.Cases;
        Assert.True(cases.Count >= 300, $"only {cases.Count} reference texts");
        Assert.Contains(cases, c => c.Ids.Length > 77);
        Assert.Contains(cases, c => c.Ids.Contains(ClipTokenizer.EndOfText));
        Assert.Contains(cases, c => c.Text.Any(char.IsSurrogate));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void All_reference_texts_match(string format)
    {
        using var temp = new TempDirectory("clip-tokenizer");
        var tokenizer = Load(format, temp);
        var failures = new List<string>();
        foreach (var c in TokenizerFixtures.Cases)
        {
            var ids = tokenizer.Encode(c.Text);
            if (!ids.SequenceEqual(c.Ids))
                failures.Add($"{JsonSerializer.Serialize(c.Text)}: expected [{string.Join(',', c.Ids)}] got [{string.Join(',', ids)}]");
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {TokenizerFixtures.Cases.Count} differ:\n" + string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Model_input_matches_the_reference_truncation_and_padding()
    {
        var tokenizer = ClipTokenizer.FromBpeVocabulary(TokenizerFixtures.BundledVocabulary);
        foreach (var c in TokenizerFixtures.Cases)
        {
            Assert.Equal(c.ModelIds, tokenizer.EncodeForModel(c.Text));
            var padded = tokenizer.EncodeForModelPadded(c.Text);
            Assert.Equal(ClipTokenizer.DefaultContextLength, padded.Length);
            Assert.Equal(c.ModelIds, padded[..c.ModelIds.Length]);
            Assert.All(padded[c.ModelIds.Length..], id => Assert.Equal(0, id));
        }
    }

    private static ClipTokenizer Load(string format, TempDirectory temp)
    {
        switch (format)
        {
            case "bpe_simple_vocab_16e6.txt.gz":
                return ClipTokenizer.FromBpeVocabulary(TokenizerFixtures.BundledVocabulary);
            case "vocab.json+merges.txt":
                return ClipTokenizer.FromVocabAndMerges(TokenizerFixtures.DemoVocabJson, TokenizerFixtures.DemoMergesTxt);
            case "tokenizer.json (merges as strings)":
            case "tokenizer.json (merges as pairs)":
                WriteTokenizerJson(temp.Combine("tokenizer.json"), asPairs: format.Contains("pairs"));
                return ClipTokenizer.FromDirectory(temp.Path);
            case "bundled fallback":
                // A model folder without any tokenizer file falls back to the bundled original vocabulary.
                return ClipTokenizer.FromDirectory(temp.Path);
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    /// <summary>A Hugging Face tokenizer.json built from the demo model's vocab.json and merges.txt (special tokens
    /// only among the added tokens, as some exports have them).</summary>
    internal static void WriteTokenizerJson(string path, bool asPairs)
    {
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(TokenizerFixtures.DemoVocabJson))!;
        vocab.Remove("<|startoftext|>");
        vocab.Remove("<|endoftext|>");
        var merges = File.ReadLines(TokenizerFixtures.DemoMergesTxt, Encoding.UTF8).Skip(1).Where(l => l.Length > 0).ToList();
        object mergeList = asPairs ? merges.Select(m => m.Split(' ')).ToList() : merges;
        var document = new Dictionary<string, object>
        {
            ["version"] = "1.0",
            ["added_tokens"] = new[]
            {
                new Dictionary<string, object> { ["id"] = 49406, ["content"] = "<|startoftext|>", ["special"] = true },
                new Dictionary<string, object> { ["id"] = 49407, ["content"] = "<|endoftext|>", ["special"] = true },
            },
            ["model"] = new Dictionary<string, object>
            {
                ["type"] = "BPE",
                ["end_of_word_suffix"] = "</w>",
                ["vocab"] = vocab,
                ["merges"] = mergeList,
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document));
    }
}
