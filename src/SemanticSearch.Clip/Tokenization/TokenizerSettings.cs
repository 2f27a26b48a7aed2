using System.Text.Json;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>The parts of Hugging Face's tokenizer_config.json that change a SentencePiece model's input.</summary>
/// <param name="ModelMaxLength">model_max_length, when it is a real limit (the library writes 1e30 for none).</param>
/// <param name="PadToken">pad_token.</param>
/// <param name="AddBeginToken">add_bos_token (Gemma: true).</param>
/// <param name="AddEndToken">add_eos_token.</param>
public sealed record TokenizerSettings(int? ModelMaxLength, string? PadToken, bool? AddBeginToken, bool? AddEndToken)
{
    /// <summary>No tokenizer_config.json.</summary>
    public static TokenizerSettings None { get; } = new(null, null, null, null);

    /// <summary>Reads <c>tokenizer_config.json</c> of <paramref name="directory"/>, or <see cref="None"/> when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON.</exception>
    public static TokenizerSettings Read(string directory)
    {
        var path = Path.Combine(directory, "tokenizer_config.json");
        if (!File.Exists(path))
            return None;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            int? maxLength = root.TryGetProperty("model_max_length", out var max) && max.TryGetInt64(out var m) && m is > 0 and <= 1 << 16
                ? (int)m : null;
            return new TokenizerSettings(maxLength, Token(root, "pad_token"), Flag(root, "add_bos_token"), Flag(root, "add_eos_token"));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    // Tokens are written either as a string or as {"content": "..."} (AddedToken).
    private static string? Token(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("content", out var content) ? content.GetString()
        : null;

    private static bool? Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
