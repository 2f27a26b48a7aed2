using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// CLIP's token table and merge list, read from any of the three forms a model folder may carry: the original
/// <c>bpe_simple_vocab_16e6.txt.gz</c>, Hugging Face's <c>vocab.json</c> + <c>merges.txt</c>, or Hugging Face's
/// <c>tokenizer.json</c>. All three describe the same 49,408 ids.
/// </summary>
internal sealed class ClipVocabulary
{
    /// <summary>Number of merges the original file contributes: 49,152 - 256 byte symbols - 2 special tokens.</summary>
    public const int MergeCount = 49152 - 256 - 2;

    /// <summary>The start-of-text token string.</summary>
    public const string StartOfTextToken = "<|startoftext|>";

    /// <summary>The end-of-text token string.</summary>
    public const string EndOfTextToken = "<|endoftext|>";

    /// <summary>The suffix that marks a symbol as the last of a word.</summary>
    public const string EndOfWordSuffix = "</w>";

    private ClipVocabulary(Dictionary<string, int> tokenIds, List<string> merges, string source)
    {
        Validate(tokenIds, merges, source);
        TokenIds = tokenIds;
        Merges = merges;
    }

    /// <summary>Token string to id, special tokens included.</summary>
    public IReadOnlyDictionary<string, int> TokenIds { get; }

    /// <summary>Merges in rank order, each as "left right".</summary>
    public IReadOnlyList<string> Merges { get; }

    /// <summary>Reads the original gzip'd merge list and derives the token table from it as the original does.</summary>
    public static ClipVocabulary FromBpeSimpleVocabulary(string gzPath)
    {
        using var file = File.OpenRead(gzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = reader.ReadToEnd().Split('\n');
        if (lines.Length < MergeCount + 1)
            throw new InvalidDataException($"{gzPath}: expected at least {MergeCount + 1} lines, found {lines.Length}.");

        // Line 0 is a header; the original keeps exactly the next MergeCount lines and ignores the rest.
        var merges = new List<string>(MergeCount);
        for (var i = 1; i <= MergeCount; i++)
            merges.Add(lines[i]);

        var tokenIds = new Dictionary<string, int>(ClipTokenizer.VocabularySize, StringComparer.Ordinal);
        foreach (var symbol in ClipByteAlphabet.SymbolsInVocabularyOrder)
            tokenIds.Add(symbol.ToString(), tokenIds.Count);
        foreach (var symbol in ClipByteAlphabet.SymbolsInVocabularyOrder)
            tokenIds.Add(symbol + EndOfWordSuffix, tokenIds.Count);
        foreach (var merge in merges)
        {
            var space = merge.IndexOf(' ');
            if (space <= 0)
                throw new InvalidDataException($"{gzPath}: malformed merge line '{merge}'.");
            tokenIds.Add(string.Concat(merge.AsSpan(0, space), merge.AsSpan(space + 1)), tokenIds.Count);
        }

        tokenIds.Add(StartOfTextToken, tokenIds.Count);
        tokenIds.Add(EndOfTextToken, tokenIds.Count);
        return new ClipVocabulary(tokenIds, merges, gzPath);
    }

    /// <summary>Reads Hugging Face's <c>vocab.json</c> (token to id) and <c>merges.txt</c> (one merge per line).</summary>
    public static ClipVocabulary FromVocabAndMerges(string vocabJsonPath, string mergesTxtPath)
    {
        Dictionary<string, int> tokenIds;
        using (var vocabStream = File.OpenRead(vocabJsonPath))
        {
            tokenIds = JsonSerializer.Deserialize<Dictionary<string, int>>(vocabStream)
                ?? throw new InvalidDataException($"{vocabJsonPath}: empty vocabulary.");
        }

        var merges = new List<string>(MergeCount);
        foreach (var line in File.ReadLines(mergesTxtPath, Encoding.UTF8))
        {
            // The first line is a "#version: ..." header; blank lines (a trailing newline) carry nothing. Like the
            // original and Hugging Face's CLIPTokenizer, only the first MergeCount merges count.
            if (line.Length == 0 || (merges.Count == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
                continue;
            if (merges.Count == MergeCount)
                break;
            merges.Add(line);
        }

        return new ClipVocabulary(new Dictionary<string, int>(tokenIds, StringComparer.Ordinal), merges, vocabJsonPath);
    }

    /// <summary>Reads Hugging Face's <c>tokenizer.json</c>: <c>model.vocab</c>, <c>model.merges</c> (either as
    /// "a b" strings or, in newer files, as [a, b] pairs) and <c>added_tokens</c>.</summary>
    public static ClipVocabulary FromTokenizerJson(string tokenizerJsonPath)
    {
        using var stream = File.OpenRead(tokenizerJsonPath);
        using var document = JsonDocument.Parse(stream);
        if (!document.RootElement.TryGetProperty("model", out var model)
            || !model.TryGetProperty("vocab", out var vocab)
            || !model.TryGetProperty("merges", out var mergesElement))
        {
            throw new InvalidDataException($"{tokenizerJsonPath}: no model.vocab / model.merges.");
        }

        var tokenIds = new Dictionary<string, int>(ClipTokenizer.VocabularySize, StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
            tokenIds[entry.Name] = entry.Value.GetInt32();

        var merges = new List<string>(MergeCount);
        foreach (var merge in mergesElement.EnumerateArray())
        {
            merges.Add(merge.ValueKind == JsonValueKind.Array
                ? merge[0].GetString() + " " + merge[1].GetString()
                : merge.GetString() ?? string.Empty);
        }

        // Special tokens may live only among the added tokens.
        if (document.RootElement.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                var content = token.GetProperty("content").GetString();
                if (content is not null)
                    tokenIds.TryAdd(content, token.GetProperty("id").GetInt32());
            }
        }

        return new ClipVocabulary(tokenIds, merges, tokenizerJsonPath);
    }

    private static void Validate(Dictionary<string, int> tokenIds, List<string> merges, string source)
    {
        if (tokenIds.Count != ClipTokenizer.VocabularySize)
            throw new InvalidDataException($"{source}: expected {ClipTokenizer.VocabularySize} tokens, found {tokenIds.Count}.");
        if (!tokenIds.TryGetValue(StartOfTextToken, out var start) || start != ClipTokenizer.StartOfText
            || !tokenIds.TryGetValue(EndOfTextToken, out var end) || end != ClipTokenizer.EndOfText)
        {
            throw new InvalidDataException(
                $"{source}: {StartOfTextToken} and {EndOfTextToken} must have ids {ClipTokenizer.StartOfText} and {ClipTokenizer.EndOfText}.");
        }

        if (merges.Count != MergeCount)
            throw new InvalidDataException($"{source}: expected {MergeCount} merges, found {merges.Count}.");
        foreach (var merge in merges)
        {
            var space = merge.IndexOf(' ');
            if (space <= 0 || space == merge.Length - 1 || merge.IndexOf(' ', space + 1) >= 0)
                throw new InvalidDataException($"{source}: malformed merge '{merge}'.");
        }
    }
}
