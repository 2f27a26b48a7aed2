using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>The parity fixtures written by tools/tokenizer/make_reference_fixtures.py, read once per test run.</summary>
internal static class TokenizerFixtures
{
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> CasesLazy = new(LoadCases);
    private static readonly Lazy<JsonDocument> UnicodeLazy = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "python_unicode.json"))));

    public static string Folder => Path.Combine(RepoPaths.Fixtures, "tokenizer");

    public static string BundledVocabulary => RepoPaths.Combine("models", "clip-vocab", "bpe_simple_vocab_16e6.txt.gz");

    public static string DemoVocabJson => Path.Combine(RepoPaths.DemoModel, "vocab.json");

    public static string DemoMergesTxt => Path.Combine(RepoPaths.DemoModel, "merges.txt");

    /// <summary>Texts with the ids the Python reference gives them.</summary>
    public static IReadOnlyList<ReferenceCase> Cases => CasesLazy.Value;

    /// <summary>Python's view of every assigned code point.</summary>
    public static JsonElement Unicode => UnicodeLazy.Value.RootElement;

    /// <summary>Inclusive code-point ranges stored under <paramref name="name"/> in python_unicode.json.</summary>
    public static IEnumerable<int> CodePoints(string name)
    {
        foreach (var range in Unicode.GetProperty(name).EnumerateArray())
        {
            for (var cp = range[0].GetInt32(); cp <= range[1].GetInt32(); cp++)
                yield return cp;
        }
    }

    private static IReadOnlyList<ReferenceCase> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "reference_ids.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new ReferenceCase(
                c.GetProperty("text").GetString()!,
                c.GetProperty("normalized").GetString()!,
                c.GetProperty("words").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                c.GetProperty("model").EnumerateArray().Select(e => e.GetInt32()).ToArray()))
            .ToArray();
    }
}
