using System.Text.Json;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Clip;

/// <summary>
/// Reads the optional <c>semsearch_card</c> object of a model folder's config.json: <c>summary</c>, <c>advice</c>,
/// <c>examples</c> (strings) and <c>logit_scale</c>. Anything absent keeps <see cref="ModelCard.Unknown"/>'s value;
/// a card of the wrong shape is an error naming the field, since it is written by hand.
/// </summary>
internal static class ModelCardReader
{
    /// <summary>Most examples shown; more would crowd the first screen.</summary>
    public const int MaxExamples = 12;

    /// <summary>Longest text of a card field, so a stray file cannot fill the page.</summary>
    public const int MaxTextLength = 200;

    public static ModelCard Read(JsonElement? config, string dir)
    {
        if (config is not { } c || !c.TryGetProperty("semsearch_card", out var card))
            return ModelCard.Unknown;
        if (card.ValueKind != JsonValueKind.Object)
            throw Problem(dir, "semsearch_card must be an object");
        var scale = ModelCard.DefaultLogitScale;
        if (card.TryGetProperty("logit_scale", out var s) && (s.ValueKind != JsonValueKind.Number || !s.TryGetSingle(out scale) || !float.IsFinite(scale) || scale <= 0))
            throw Problem(dir, "semsearch_card.logit_scale must be a positive number");
        return new ModelCard
        {
            Summary = Text(card, "summary", dir),
            Advice = Text(card, "advice", dir),
            Examples = Examples(card, dir),
            LogitScale = scale,
        };
    }

    private static string? Text(JsonElement card, string name, string dir)
    {
        if (!card.TryGetProperty(name, out var v))
            return null;
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 and <= MaxTextLength } text)
            throw Problem(dir, $"semsearch_card.{name} must be a text of 1-{MaxTextLength} characters");
        return text;
    }

    private static List<string> Examples(JsonElement card, string dir)
    {
        if (!card.TryGetProperty("examples", out var v))
            return [];
        if (v.ValueKind != JsonValueKind.Array)
            throw Problem(dir, "semsearch_card.examples must be a list of texts");
        var examples = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= MaxTextLength } text)
                throw Problem(dir, $"semsearch_card.examples must be texts of 1-{MaxTextLength} characters");
            if (examples.Count < MaxExamples)
                examples.Add(text);
        }
        return examples;
    }

    private static ClipModelException Problem(string dir, string what) =>
        new($"config.json in '{dir}': {what}.");
}
