using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>The models and reference ids written by tools/tokenizer/make_sentencepiece_fixtures.py (python3-sentencepiece).</summary>
internal static class SentencePieceFixtures
{
    private static readonly Lazy<JsonDocument> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "sentencepiece_ids.json"))));

    public static string Folder => Path.Combine(RepoPaths.Fixtures, "tokenizer", "sentencepiece");

    /// <summary>The folder of one trained model ("unigram" or "bpe"), holding spiece.model and tokenizer.json.</summary>
    public static string ModelFolder(string model) => Path.Combine(Folder, model);

    /// <summary>Every reference string with the ids sentencepiece gave it under <paramref name="model"/>.</summary>
    public static IReadOnlyList<(string Text, int[] Ids)> Cases(string model) =>
        [.. Reference.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("text").GetString()!, c.GetProperty(model).EnumerateArray().Select(e => e.GetInt32()).ToArray()))];

    /// <summary>A special id ("eos_id", "pad_id", ...) of <paramref name="model"/> as sentencepiece reports it.</summary>
    public static int SpecialId(string model, string name) =>
        Reference.Value.RootElement.GetProperty("models").GetProperty(model).GetProperty(name).GetInt32();
}
