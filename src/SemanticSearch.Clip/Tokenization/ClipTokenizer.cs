using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// CLIP's byte-level BPE tokenizer, giving exactly the ids of openai/CLIP's <c>simple_tokenizer.py</c> for any text its
/// <c>ftfy.fix_text</c> step would only NFC-normalise. The merge loop is Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>
/// (byte level, "&lt;/w&gt;" end-of-word suffix, its bounded per-word cache); CLIP's cleaning and pre-tokenising are
/// plugged into it as a <see cref="Normalizer"/> and a <see cref="PreTokenizer"/> with Python's semantics.
/// Instances are immutable and safe to use from many threads.
/// </summary>
public sealed class ClipTokenizer : ITextTokenizer
{
    /// <summary>Id of <c>&lt;|startoftext|&gt;</c>.</summary>
    public const int StartOfText = 49406;

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>.</summary>
    public const int EndOfText = 49407;

    /// <summary>Number of ids: 256 bytes, 256 bytes ending a word, 48,894 merges, 2 special tokens.</summary>
    public const int VocabularySize = 49408;

    /// <summary>CLIP's text context: 77 ids including the start and end tokens.</summary>
    public const int DefaultContextLength = 77;

    /// <summary>Where the original vocabulary ships with the program, for model folders that carry none.</summary>
    internal const string BundledVocabularyPath = "models/clip-vocab/bpe_simple_vocab_16e6.txt.gz";

    private const string TokenizerJsonFile = "tokenizer.json";
    private const string VocabJsonFile = "vocab.json";
    private const string MergesTxtFile = "merges.txt";
    private const string BpeSimpleVocabFile = "bpe_simple_vocab_16e6.txt.gz";

    // Loading parses ~49k tokens and merges; every caller asking for the same unchanged files shares one instance.
    private static readonly ConcurrentDictionary<string, Lazy<ClipTokenizer>> Loaded = new(StringComparer.Ordinal);

    private readonly BpeTokenizer _bpe;

    private ClipTokenizer(ClipVocabulary vocabulary)
    {
        _bpe = BpeTokenizer.Create(new BpeOptions(vocabulary.TokenIds)
        {
            Merges = vocabulary.Merges,
            SpecialTokens = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [ClipVocabulary.StartOfTextToken] = StartOfText,
                [ClipVocabulary.EndOfTextToken] = EndOfText,
            },
            Normalizer = ClipTextNormalizer.Instance,
            PreTokenizer = ClipPreTokenizer.Instance,
            ByteLevel = true,
            EndOfWordSuffix = ClipVocabulary.EndOfWordSuffix,
        });
    }

    /// <summary>
    /// Loads the tokenizer of a model folder: its <c>tokenizer.json</c>, else <c>vocab.json</c> + <c>merges.txt</c>, else
    /// <c>bpe_simple_vocab_16e6.txt.gz</c>; a folder with none of them gets the bundled original vocabulary
    /// (<c>models/clip-vocab/bpe_simple_vocab_16e6.txt.gz</c>, resolved with <see cref="AppPaths.Resolve"/>).
    /// </summary>
    /// <param name="modelDirectory">The model folder.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The vocabulary found is unreadable or not CLIP's 49,408-id vocabulary.</exception>
    public static ClipTokenizer FromDirectory(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        if (!Directory.Exists(modelDirectory))
            throw new DirectoryNotFoundException($"Model folder not found: {modelDirectory}");

        var tokenizerJson = Path.Combine(modelDirectory, TokenizerJsonFile);
        if (File.Exists(tokenizerJson))
            return FromTokenizerJson(tokenizerJson);

        var vocabJson = Path.Combine(modelDirectory, VocabJsonFile);
        var mergesTxt = Path.Combine(modelDirectory, MergesTxtFile);
        if (File.Exists(vocabJson) && File.Exists(mergesTxt))
            return FromVocabAndMerges(vocabJson, mergesTxt);

        var bpeSimple = Path.Combine(modelDirectory, BpeSimpleVocabFile);
        return FromBpeVocabulary(File.Exists(bpeSimple) ? bpeSimple : AppPaths.Resolve(BundledVocabularyPath));
    }

    /// <summary>Loads the original <c>bpe_simple_vocab_16e6.txt.gz</c> from openai/CLIP.</summary>
    /// <param name="bpeSimpleVocabGzPath">Path of the gzip'd merge list.</param>
    public static ClipTokenizer FromBpeVocabulary(string bpeSimpleVocabGzPath) =>
        Load([bpeSimpleVocabGzPath], () => ClipVocabulary.FromBpeSimpleVocabulary(bpeSimpleVocabGzPath));

    /// <summary>Loads Hugging Face's <c>vocab.json</c> + <c>merges.txt</c> for CLIP.</summary>
    /// <param name="vocabJsonPath">Token-to-id JSON object.</param>
    /// <param name="mergesTxtPath">Merge list, one "left right" pair per line after a "#version" header.</param>
    public static ClipTokenizer FromVocabAndMerges(string vocabJsonPath, string mergesTxtPath) =>
        Load([vocabJsonPath, mergesTxtPath], () => ClipVocabulary.FromVocabAndMerges(vocabJsonPath, mergesTxtPath));

    /// <summary>Loads Hugging Face's <c>tokenizer.json</c> for CLIP (its <c>model.vocab</c> and <c>model.merges</c>).</summary>
    /// <param name="tokenizerJsonPath">Path of tokenizer.json.</param>
    internal static ClipTokenizer FromTokenizerJson(string tokenizerJsonPath) =>
        Load([tokenizerJsonPath], () => ClipVocabulary.FromTokenizerJson(tokenizerJsonPath));

    /// <inheritdoc />
    int ITextTokenizer.ContextLength => DefaultContextLength;

    /// <summary>OpenAI's CLIP pads with 0; the causal text tower never looks past the end token.</summary>
    public int PadId => 0;

    /// <inheritdoc />
    public bool PadsToContextLength => false;

    /// <inheritdoc />
    public bool NeedsLanguage => false;

    /// <inheritdoc />
    int[] ITextTokenizer.EncodeForModel(string text, int contextLength, string? floresLanguage) => EncodeForModel(text, contextLength);

    /// <summary>Encodes <paramref name="text"/> to CLIP ids, without start and end tokens. Special tokens written in
    /// the text (<c>&lt;|endoftext|&gt;</c>) become their ids, as in the original.</summary>
    /// <param name="text">Any text; null is treated as empty.</param>
    public IReadOnlyList<int> Encode(string text) =>
        string.IsNullOrEmpty(text) ? [] : _bpe.EncodeToIds(text);

    /// <summary>
    /// The model input for <paramref name="text"/>: start token, ids, end token, not padded. Text too long for the
    /// context is truncated so that the end token is still the last id (<c>clip.tokenize(..., truncate=True)</c>).
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="contextLength">Most ids to return, at least 2.</param>
    public int[] EncodeForModel(string text, int contextLength = DefaultContextLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        var ids = Encode(text);
        var length = Math.Min(ids.Count + 2, contextLength);
        var result = new int[length];
        result[0] = StartOfText;
        for (var i = 1; i < length - 1; i++)
            result[i] = ids[i - 1];
        result[length - 1] = EndOfText;
        return result;
    }

    /// <summary>The same as <see cref="EncodeForModel"/>, zero-padded to exactly <paramref name="contextLength"/> ids.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="contextLength">Length of the result, at least 2.</param>
    public int[] EncodeForModelPadded(string text, int contextLength = DefaultContextLength)
    {
        var ids = EncodeForModel(text, contextLength);
        if (ids.Length == contextLength)
            return ids;
        var padded = new int[contextLength];
        ids.CopyTo(padded, 0);
        return padded;
    }

    private static ClipTokenizer Load(string[] paths, Func<ClipVocabulary> read)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"Tokenizer file not found: {path}", path);
        }

        // Keyed by full path and modification time, so an edited file is read again.
        var key = string.Join('|', paths.Select(p => $"{Path.GetFullPath(p)}@{File.GetLastWriteTimeUtc(p).Ticks}"));
        var lazy = Loaded.GetOrAdd(key, _ => new Lazy<ClipTokenizer>(() => Create(paths, read)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not remembered: the next call reads the files again.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<ClipTokenizer>>(key, lazy));
            throw;
        }
    }

    private static ClipTokenizer Create(string[] paths, Func<ClipVocabulary> read)
    {
        try
        {
            return new ClipTokenizer(read());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException
                                       or KeyNotFoundException or IndexOutOfRangeException)
        {
            // Malformed JSON, or merges naming tokens the vocabulary lacks: one exception type for "not a CLIP vocabulary".
            throw new InvalidDataException($"{string.Join(", ", paths)}: not a usable CLIP vocabulary ({e.Message})", e);
        }
    }
}
