using Microsoft.ML.Tokenizers;
using SemanticSearch.Clip.Tokenization.SentencePiece;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// A SentencePiece model (unigram as in T5, SigLIP, XLM-RoBERTa; BPE as in Gemma / SigLIP 2, NLLB) on
/// Microsoft.ML.Tokenizers' <see cref="SentencePieceTokenizer"/>, from either file form: the <c>.model</c> protobuf or a
/// Hugging Face <c>tokenizer.json</c>. Ids match python's sentencepiece; special tokens come from the tokenizer.json
/// template, else one end token after the text as T5 and SigLIP add it. Immutable and thread-safe.
/// </summary>
public sealed class SentencePieceTextTokenizer : ITextTokenizer
{
    /// <summary>SigLIP's context, for folders that state none.</summary>
    public const int DefaultContextLength = 64;

    /// <summary>The FLORES-200 token that marks a vocabulary as NLLB's, which expects one before every text.</summary>
    private const string EnglishLanguageToken = "eng_Latn";

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly int[] _prefix;
    private readonly int[] _suffix;
    private readonly HashSet<int> _languageIds = [];
    private readonly IReadOnlyDictionary<string, int> _pieceIds;
    private readonly bool _fusesUnknowns;
    private readonly IReadOnlySet<int> _deleted;

    /// <param name="pieceIds">Every piece's id, control pieces included; null to use the library's vocabulary.</param>
    private SentencePieceTextTokenizer(SentencePieceTokenizer tokenizer, bool unigram, byte[] charsmap, int[] prefix, int[] suffix,
        int contextLength, int padId, IReadOnlyDictionary<string, int>? pieceIds = null)
    {
        _tokenizer = tokenizer;
        // The library's unigram vocabulary leaves out control pieces, and NLLB's language tokens are control pieces.
        _pieceIds = pieceIds ?? tokenizer.Vocabulary;
        _fusesUnknowns = unigram;
        _deleted = PrecompiledCharsmap.DeletedCodePoints(charsmap);
        _prefix = prefix;
        _suffix = suffix;
        ContextLength = contextLength;
        PadId = padId;
        NeedsLanguage = _pieceIds.ContainsKey(EnglishLanguageToken);
        if (NeedsLanguage)
            _languageIds = [.. _pieceIds.Where(t => FloresLanguageMap.IsFloresCode(t.Key)).Select(t => t.Value)];
    }

    /// <inheritdoc />
    public int ContextLength { get; }

    /// <inheritdoc />
    public int PadId { get; }

    /// <summary>True: SigLIP's tower reads a fixed position, and with an attention mask the padding is ignored anyway.</summary>
    public bool PadsToContextLength => true;

    /// <inheritdoc />
    public bool NeedsLanguage { get; }

    /// <summary>Reads a sentencepiece <c>.model</c> file (<c>spiece.model</c>, <c>sentencepiece.bpe.model</c>, <c>tokenizer.model</c>).</summary>
    /// <param name="modelPath">The serialized ModelProto.</param>
    /// <param name="settings">What tokenizer_config.json adds; null for none.</param>
    /// <exception cref="InvalidDataException">The file is not a sentencepiece model.</exception>
    public static SentencePieceTextTokenizer FromModelFile(string modelPath, TokenizerSettings? settings = null)
    {
        settings ??= TokenizerSettings.None;
        var bytes = File.ReadAllBytes(modelPath);
        var tokenizer = Create(modelPath, bytes);
        var prefix = settings.AddBeginToken == true && tokenizer.BeginningOfSentenceId >= 0 ? new[] { tokenizer.BeginningOfSentenceId } : [];
        var suffix = settings.AddEndToken != false && tokenizer.EndOfSentenceId >= 0 ? new[] { tokenizer.EndOfSentenceId } : [];
        return new SentencePieceTextTokenizer(tokenizer, SentencePieceModelProto.IsUnigram(bytes), SentencePieceModelProto.PrecompiledCharsmap(bytes), prefix, suffix, settings.ModelMaxLength ?? DefaultContextLength,
            PadOf(tokenizer, settings));
    }

    /// <summary>Reads the tokenizer.json Hugging Face writes for a SentencePiece model (Unigram or BPE model, Precompiled /
    /// Replace / Prepend normalizers, Metaspace pre-tokenizer).</summary>
    /// <param name="tokenizerJsonPath">Path of tokenizer.json.</param>
    /// <param name="settings">What tokenizer_config.json adds; null for none.</param>
    /// <exception cref="InvalidDataException">The file is unreadable or describes something sentencepiece cannot do.</exception>
    public static SentencePieceTextTokenizer FromTokenizerJson(string tokenizerJsonPath, TokenizerSettings? settings = null)
    {
        settings ??= TokenizerSettings.None;
        SentencePieceJsonModel json;
        try
        {
            json = SentencePieceTokenizerJson.Read(tokenizerJsonPath);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException
                                       or FormatException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{tokenizerJsonPath}: not a usable SentencePiece tokenizer.json ({e.Message})", e);
        }
        var proto = json.Spec.ToProtobuf();
        var tokenizer = Create(tokenizerJsonPath, proto);
        var suffix = json.Suffix ?? (json.Spec.EndId >= 0 ? [json.Spec.EndId] : []);
        return new SentencePieceTextTokenizer(tokenizer, !json.Spec.IsBpe, json.Spec.PrecompiledCharsmap, json.Prefix ?? [], suffix,
            json.MaxLength ?? settings.ModelMaxLength ?? DefaultContextLength, PadOf(tokenizer, settings), PieceIds(json.Spec));
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        var ids = _tokenizer.EncodeToIds(WithoutDeleted(text), addBeginningOfSentence: false, addEndOfSentence: false);
        return _fusesUnknowns ? FuseUnknowns(ids) : ids;
    }

    /// <summary>Drops what the model's normalisation deletes (controls under nmt_nfkc) before the library sees it.</summary>
    private string WithoutDeleted(string text)
    {
        if (_deleted.Count == 0 || !text.EnumerateRunes().Any(r => _deleted.Contains(r.Value)))
            return text;
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!_deleted.Contains(rune.Value))
                kept.Append(rune.ToString());
        }
        return kept.ToString();
    }

    /// <summary>sentencepiece's unigram model gives a run of unknown characters one unknown id; the library gives one each.</summary>
    private IReadOnlyList<int> FuseUnknowns(IReadOnlyList<int> ids)
    {
        var unknown = _tokenizer.UnknownId;
        var fused = new List<int>(ids.Count);
        foreach (var id in ids)
        {
            if (id != unknown || fused.Count == 0 || fused[^1] != unknown)
                fused.Add(id);
        }
        return fused;
    }

    /// <summary>True when the vocabulary has the token of FLORES-200 code <paramref name="floresLanguage"/>.</summary>
    public bool HasLanguage(string floresLanguage) => NeedsLanguage && _pieceIds.ContainsKey(floresLanguage);

    /// <inheritdoc />
    public int[] EncodeForModel(string text, int contextLength, string? floresLanguage = null)
    {
        var prefix = NeedsLanguage ? WithLanguage(floresLanguage ?? EnglishLanguageToken) : _prefix;
        var room = contextLength - prefix.Length - _suffix.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(room, 0, nameof(contextLength));
        var ids = Encode(text ?? string.Empty);
        var kept = Math.Min(ids.Count, room);
        var result = new int[prefix.Length + kept + _suffix.Length];
        prefix.CopyTo(result, 0);
        for (var i = 0; i < kept; i++)
            result[prefix.Length + i] = ids[i];
        _suffix.CopyTo(result, prefix.Length + kept);
        return result;
    }

    /// <summary>NLLB's template names one language (its src_lang); the text's own language replaces it, or leads.</summary>
    private int[] WithLanguage(string floresLanguage)
    {
        if (!_pieceIds.TryGetValue(floresLanguage, out var language))
            throw new ArgumentException($"The vocabulary has no language token '{floresLanguage}'.", nameof(floresLanguage));
        var prefix = _prefix.Where(id => !_languageIds.Contains(id)).ToList();
        prefix.Insert(0, language);
        return [.. prefix];
    }

    private static Dictionary<string, int> PieceIds(SentencePieceModelSpec spec)
    {
        var ids = new Dictionary<string, int>(spec.Pieces.Count, StringComparer.Ordinal);
        for (var id = 0; id < spec.Pieces.Count; id++)
            ids.TryAdd(spec.Pieces[id].Piece, id);
        return ids;
    }

    private static int PadOf(SentencePieceTokenizer tokenizer, TokenizerSettings settings) =>
        settings.PadToken is { } pad && tokenizer.Vocabulary.TryGetValue(pad, out var id) ? id
        : tokenizer.Vocabulary.TryGetValue("<pad>", out var padId) ? padId
        : Math.Max(tokenizer.EndOfSentenceId, 0);

    private static SentencePieceTokenizer Create(string path, byte[] model)
    {
        try
        {
            using var stream = new MemoryStream(model, writable: false);
            return SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a usable sentencepiece model ({e.Message})", e);
        }
    }
}
