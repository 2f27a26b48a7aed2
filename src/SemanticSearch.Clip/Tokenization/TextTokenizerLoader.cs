using System.Text.Json;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// Picks the tokenizer of a model folder from the files it has. A <c>tokenizer.json</c> wins, since it carries the
/// ids the model was trained with (XLM-RoBERTa and NLLB shift sentencepiece's ids): CLIP's byte-level BPE goes to
/// <see cref="ClipTokenizer"/>, Unigram and SentencePiece BPE to <see cref="SentencePieceTextTokenizer"/>. Otherwise a
/// sentencepiece <c>.model</c>, otherwise CLIP's vocabulary files (or the bundled one).
/// </summary>
public static class TextTokenizerLoader
{
    private static readonly string[] SentencePieceModelFiles = ["spiece.model", "sentencepiece.bpe.model", "tokenizer.model"];

    /// <summary>Loads the tokenizer of <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The tokenizer files are unreadable or of a kind no tokenizer here reads.</exception>
    public static ITextTokenizer Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Model folder not found: {directory}");

        var tokenizerJson = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(tokenizerJson))
        {
            return IsClipBpe(tokenizerJson)
                ? ClipTokenizer.FromDirectory(directory)
                : SentencePieceTextTokenizer.FromTokenizerJson(tokenizerJson, TokenizerSettings.Read(directory));
        }
        foreach (var name in SentencePieceModelFiles)
        {
            var model = Path.Combine(directory, name);
            if (File.Exists(model))
                return SentencePieceTextTokenizer.FromModelFile(model, TokenizerSettings.Read(directory));
        }
        return ClipTokenizer.FromDirectory(directory);
    }

    /// <summary>CLIP's BPE marks word ends with "&lt;/w&gt;" and has <c>&lt;|startoftext|&gt;</c>; SentencePiece BPE has neither.</summary>
    private static bool IsClipBpe(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
                return true; // let the CLIP reader name what is wrong, as it always has
            if (model.TryGetProperty("type", out var type) && type.GetString() is { } kind && kind != "BPE")
                return false;
            return (model.TryGetProperty("end_of_word_suffix", out var suffix) && suffix.GetString() == "</w>")
                   || (model.TryGetProperty("vocab", out var vocab) && vocab.ValueKind == JsonValueKind.Object
                       && vocab.TryGetProperty("<|startoftext|>", out _));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }
}
