using System.Text.Json;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// What a Hugging Face <c>tokenizer.json</c> says about one token (the pad token) without building a tokenizer: its id,
/// from <c>added_tokens</c> or <c>model.vocab</c>.
/// </summary>
internal sealed record TokenizerJsonSummary(int? TokenId)
{
    public static TokenizerJsonSummary Read(string path, string? token)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            return new TokenizerJsonSummary(token is null ? null : FindId(root, model, token));
        }
        catch (JsonException e)
        {
            throw new ClipModelException($"'{path}' is not valid JSON: {e.Message}", e);
        }
    }

    private static int? FindId(JsonElement root, JsonElement model, string token)
    {
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in added.EnumerateArray())
            {
                if (entry.TryGetProperty("content", out var c) && c.ValueEquals(token) && entry.TryGetProperty("id", out var id) && id.TryGetInt32(out var n))
                    return n;
            }
        }
        if (model.ValueKind != JsonValueKind.Object || !model.TryGetProperty("vocab", out var vocab))
            return null;
        if (vocab.ValueKind == JsonValueKind.Object)
            return vocab.TryGetProperty(token, out var v) && v.TryGetInt32(out var n) ? n : null;
        if (vocab.ValueKind == JsonValueKind.Array)
        {
            // Unigram (SentencePiece) vocabularies are [piece, score] pairs whose index is the id.
            var index = 0;
            foreach (var piece in vocab.EnumerateArray())
            {
                if (piece.ValueKind == JsonValueKind.Array && piece.GetArrayLength() > 0 && piece[0].ValueEquals(token))
                    return index;
                index++;
            }
        }
        return null;
    }
}
