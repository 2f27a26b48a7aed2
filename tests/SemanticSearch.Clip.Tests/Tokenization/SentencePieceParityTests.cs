using SemanticSearch.Clip.Tokenization;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>
/// The SentencePiece tokenizer against python3-sentencepiece: a unigram (T5 / XLM-R style, nmt_nfkc) and a BPE model
/// (Gemma style, byte fallback) trained by sentencepiece's own trainer, each read from its .model file and from the
/// tokenizer.json made of the same pieces.
/// </summary>
public sealed class SentencePieceParityTests
{
    [Fact]
    public void Fixture_covers_at_least_300_varied_strings()
    {
        var cases = SentencePieceFixtures.Cases("unigram");
        Assert.True(cases.Count >= 300, $"{cases.Count} strings");
        Assert.Contains(cases, c => c.Text.Length > 2000);
        Assert.Contains(cases, c => c.Text.Any(ch => ch is >= '\u4e00' and <= '\u9fff'));
        Assert.Contains(cases, c => c.Text.Contains('\t') || c.Text.Contains('\n'));
        Assert.Contains(cases, c => c.Text.EnumerateRunes().Any(r => r.Value >= 0x1F300));
        Assert.Contains(cases, c => c.Ids.Contains(SentencePieceFixtures.SpecialId("unigram", "unk_id")));
        Assert.Contains(SentencePieceFixtures.Cases("bpe"), c => c.Ids.Any(id => id is >= 4 and < 260)); // byte fallback
    }

    [Theory]
    [InlineData("unigram", "spiece.model")]
    [InlineData("unigram", "tokenizer.json")]
    [InlineData("bpe", "spiece.model")]
    [InlineData("bpe", "tokenizer.json")]
    public void Every_reference_string_gets_sentencepieces_ids(string model, string file)
    {
        var tokenizer = Load(model, file);
        var mismatches = SentencePieceFixtures.Cases(model)
            .Where(c => !tokenizer.Encode(c.Text).SequenceEqual(c.Ids))
            .Select(c => $"{Escape(c.Text)}: expected [{string.Join(',', c.Ids.Take(20))}] got [{string.Join(',', tokenizer.Encode(c.Text).Take(20))}]")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches:\n{string.Join('\n', mismatches.Take(15))}");
    }

    [Theory]
    [InlineData("unigram", "spiece.model")]
    [InlineData("unigram", "tokenizer.json")]
    [InlineData("bpe", "spiece.model")]
    [InlineData("bpe", "tokenizer.json")]
    public void Model_input_ends_with_the_end_token_even_when_the_text_is_cut(string model, string file)
    {
        var tokenizer = Load(model, file);
        var eos = SentencePieceFixtures.SpecialId(model, "eos_id");
        var longest = SentencePieceFixtures.Cases(model).MaxBy(c => c.Ids.Length);

        var input = tokenizer.EncodeForModel(longest.Text, 16);

        Assert.Equal([.. longest.Ids.Take(15), eos], input);
        Assert.Equal([eos], tokenizer.EncodeForModel(string.Empty, 16));
        Assert.Equal(SentencePieceFixtures.SpecialId(model, "pad_id"), tokenizer.PadId);
        Assert.False(tokenizer.NeedsLanguage);
    }

    internal static SentencePieceTextTokenizer Load(string model, string file)
    {
        var path = Path.Combine(SentencePieceFixtures.ModelFolder(model), file);
        return file.EndsWith(".json", StringComparison.Ordinal)
            ? SentencePieceTextTokenizer.FromTokenizerJson(path)
            : SentencePieceTextTokenizer.FromModelFile(path);
    }

    private static string Escape(string text) =>
        string.Concat(text.Take(60).Select(ch => char.IsControl(ch) || char.IsWhiteSpace(ch) ? $"\\u{(int)ch:x4}" : ch.ToString()));
}
