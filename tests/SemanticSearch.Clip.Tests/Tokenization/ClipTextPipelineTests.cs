using System.Text.Json;
using SemanticSearch.Clip.Tokenization;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>The cleaning and pre-tokenising steps on their own, against the intermediate results of the Python
/// reference, so a parity failure points at the step that caused it.</summary>
public sealed class ClipTextPipelineTests
{
    [Fact]
    public void Normalizer_gives_the_text_python_cleans_and_lower_cases()
    {
        var failures = TokenizerFixtures.Cases
            .Where(c => ClipTextNormalizer.Instance.Normalize(c.Text) != c.Normalized)
            .Select(c => $"{Json(c.Text)}: expected {Json(c.Normalized)} got {Json(ClipTextNormalizer.Instance.Normalize(c.Text))}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Pre_tokenizer_finds_the_words_the_pattern_finds()
    {
        var failures = new List<string>();
        foreach (var c in TokenizerFixtures.Cases)
        {
            var words = ClipPreTokenizer.Instance.PreTokenize(c.Normalized).Select(w => c.Normalized.Substring(w.Offset, w.Length)).ToArray();
            if (!words.SequenceEqual(c.Words))
                failures.Add($"{Json(c.Normalized)}: expected {Json(c.Words)} got {Json(words)}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Theory]
    [InlineData("&amp;amp;", "&amp;")]
    [InlineData("&copy2024", "\u00A92024")]
    [InlineData("&notit;", "\u00ACit;")]
    [InlineData("&notin;", "\u2209")]
    [InlineData("&#x80;&#0;&#xD800;&#1114112;", "\u20AC\uFFFD\uFFFD\uFFFD")]
    [InlineData("a&#1;b&#x7F;c&#xFFFE;d", "abcd")]
    [InlineData("&#65&#x42;&#X43", "ABC")]
    [InlineData("&#; &#x; &; & &NoSuchName;", "&#; &#x; &; & &NoSuchName;")]
    [InlineData("&#128512;", "\U0001F600")]
    public void Html_unescape_follows_html5(string text, string expected) =>
        Assert.Equal(expected, PythonHtmlUnescape.Unescape(text));

    [Fact]
    public void Lone_surrogates_become_replacement_characters_instead_of_failing()
    {
        Assert.Equal("a\uFFFDb\uFFFD", ClipTextNormalizer.Instance.Normalize("a\uD800b\uDC00"));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
