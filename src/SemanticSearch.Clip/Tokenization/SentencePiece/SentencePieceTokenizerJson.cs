using System.Text.Json;
using System.Text.RegularExpressions;

namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>
/// Reads the tokenizer.json that Hugging Face's converters write for SentencePiece models (T5, SigLIP, XLM-RoBERTa and
/// NLLB: Unigram or BPE with Precompiled / Replace / Prepend normalizers and a Metaspace pre-tokenizer) back into the
/// sentencepiece model it came from. Anything else is refused with the part it does not understand named.
/// </summary>
internal static partial class SentencePieceTokenizerJson
{
    private const string Space = "\u2581";

    public static SentencePieceJsonModel Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        var model = root.GetProperty("model");
        var isBpe = model.GetProperty("type").GetString() switch
        {
            "Unigram" => false,
            "BPE" => true,
            var other => throw new InvalidDataException($"{path}: model type '{other}' is not a SentencePiece model (Unigram or BPE)."),
        };
        var byteFallback = model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True;
        var slots = new Dictionary<int, SentencePieceEntry>();
        if (isBpe)
            ReadBpe(model, slots, byteFallback);
        else
            ReadUnigram(model, slots, byteFallback);

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, entry) in slots)
            ids.TryAdd(entry.Piece, id);
        foreach (var added in Elements(root, "added_tokens"))
        {
            var id = added.GetProperty("id").GetInt32();
            var content = added.GetProperty("content").GetString()!;
            var type = added.TryGetProperty("special", out var special) && special.ValueKind == JsonValueKind.True
                ? SentencePieceType.Control : SentencePieceType.UserDefined;
            slots[id] = new SentencePieceEntry(content, 0f, type);
            ids[content] = id;
        }

        var unknown = isBpe
            ? (model.TryGetProperty("unk_token", out var unkToken) && unkToken.GetString() is { } u && ids.TryGetValue(u, out var uid) ? uid : -1)
            : (model.TryGetProperty("unk_id", out var unkId) && unkId.ValueKind == JsonValueKind.Number ? unkId.GetInt32() : -1);
        if (unknown < 0 || !slots.TryGetValue(unknown, out var unknownEntry))
            throw new InvalidDataException($"{path}: the model names no unknown token.");
        slots[unknown] = unknownEntry with { Type = SentencePieceType.Unknown };

        var count = slots.Keys.Max() + 1;
        var pieces = new SentencePieceEntry[count];
        for (var i = 0; i < count; i++)
            pieces[i] = slots.TryGetValue(i, out var entry) ? entry : new SentencePieceEntry($"<unused{i}>", 0f, SentencePieceType.Unused);

        var spec = new SentencePieceModelSpec(pieces, isBpe)
        {
            ByteFallback = byteFallback,
            UnknownId = unknown,
            BeginId = Find(ids, "<s>", "<bos>"),
            EndId = Find(ids, "</s>", "<eos>"),
            PadId = Find(ids, "<pad>"),
            EscapeWhitespaces = false,
        };
        spec = ReadNormalizer(root.GetProperty("normalizer"), spec, path);
        spec = ReadPreTokenizer(root.TryGetProperty("pre_tokenizer", out var pre) ? pre : default, spec, path);
        var (prefix, suffix) = ReadTemplate(root.TryGetProperty("post_processor", out var post) ? post : default);
        int? maxLength = root.TryGetProperty("truncation", out var truncation) && truncation.ValueKind == JsonValueKind.Object
            && truncation.TryGetProperty("max_length", out var max) && max.TryGetInt32(out var m) ? m : null;
        return new SentencePieceJsonModel(spec, prefix, suffix, maxLength);
    }

    private static void ReadUnigram(JsonElement model, Dictionary<int, SentencePieceEntry> slots, bool byteFallback)
    {
        var id = 0;
        foreach (var item in model.GetProperty("vocab").EnumerateArray())
        {
            var piece = item[0].GetString()!;
            slots[id++] = new SentencePieceEntry(piece, item[1].GetSingle(), TypeOf(piece, byteFallback));
        }
    }

    /// <summary>
    /// sentencepiece's BPE merges the adjacent pair whose joined piece scores highest; tokenizer.json keeps the merge
    /// order instead, so a merged piece scores minus the rank of its first merge (and plain pieces rank below all).
    /// </summary>
    private static void ReadBpe(JsonElement model, Dictionary<int, SentencePieceEntry> slots, bool byteFallback)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in model.GetProperty("vocab").EnumerateObject())
            vocab[property.Name] = property.Value.GetInt32();
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        var merges = model.GetProperty("merges");
        var r = 0;
        foreach (var merge in merges.EnumerateArray())
        {
            var joined = merge.ValueKind == JsonValueKind.Array
                ? merge[0].GetString() + merge[1].GetString()
                : merge.GetString()!.Replace(" ", string.Empty, StringComparison.Ordinal);
            rank.TryAdd(joined, r++);
        }
        foreach (var (piece, id) in vocab)
        {
            var score = rank.TryGetValue(piece, out var at) ? -at : -(r + id);
            slots[id] = new SentencePieceEntry(piece, score, TypeOf(piece, byteFallback));
        }
    }

    private static SentencePieceType TypeOf(string piece, bool byteFallback) =>
        byteFallback && BytePiece().IsMatch(piece) ? SentencePieceType.Byte : SentencePieceType.Normal;

    private static SentencePieceModelSpec ReadNormalizer(JsonElement normalizer, SentencePieceModelSpec spec, string path)
    {
        if (normalizer.ValueKind != JsonValueKind.Object)
            return spec;
        switch (normalizer.GetProperty("type").GetString())
        {
            case "Sequence":
                foreach (var inner in normalizer.GetProperty("normalizers").EnumerateArray())
                    spec = ReadNormalizer(inner, spec, path);
                return spec;
            case "Precompiled":
                var charsmap = normalizer.GetProperty("precompiled_charsmap");
                return charsmap.ValueKind == JsonValueKind.String ? spec with { PrecompiledCharsmap = charsmap.GetBytesFromBase64() } : spec;
            case "Replace" when Pattern(normalizer, "Regex") == " {2,}":
                return spec with { RemoveExtraWhitespaces = true };
            case "Replace" when Pattern(normalizer, "String") == " " && normalizer.GetProperty("content").GetString() == Space:
                return spec with { EscapeWhitespaces = true };
            case "Prepend" when normalizer.GetProperty("prepend").GetString() == Space:
                return spec with { AddDummyPrefix = true };
            case "Strip":
                return spec; // sentencepiece's whitespace removal strips the ends too
            case var other:
                throw new InvalidDataException($"{path}: normalizer '{other}' ({normalizer.GetRawText()[..Math.Min(80, normalizer.GetRawText().Length)]}) has no sentencepiece equivalent.");
        }
    }

    private static SentencePieceModelSpec ReadPreTokenizer(JsonElement pre, SentencePieceModelSpec spec, string path)
    {
        if (pre.ValueKind != JsonValueKind.Object)
            return spec;
        switch (pre.GetProperty("type").GetString())
        {
            case "Sequence":
                foreach (var inner in pre.GetProperty("pretokenizers").EnumerateArray())
                    spec = ReadPreTokenizer(inner, spec, path);
                return spec;
            case "Metaspace":
                var prepend = pre.TryGetProperty("prepend_scheme", out var scheme)
                    ? scheme.GetString() is "always" or "first"
                    : pre.TryGetProperty("add_prefix_space", out var add) && add.ValueKind == JsonValueKind.True;
                return spec with { EscapeWhitespaces = true, AddDummyPrefix = spec.AddDummyPrefix || prepend };
            case "WhitespaceSplit":
                return spec with { RemoveExtraWhitespaces = true };
            case var other:
                throw new InvalidDataException($"{path}: pre-tokenizer '{other}' has no sentencepiece equivalent.");
        }
    }

    /// <summary>Special ids before and after the text in the single-sequence template (TemplateProcessing, or
    /// RobertaProcessing's cls … sep).</summary>
    private static (int[]?, int[]?) ReadTemplate(JsonElement post)
    {
        if (post.ValueKind != JsonValueKind.Object)
            return (null, null);
        switch (post.GetProperty("type").GetString())
        {
            case "Sequence":
                foreach (var inner in post.GetProperty("processors").EnumerateArray())
                {
                    if (ReadTemplate(inner) is ({ } p, { } s))
                        return (p, s);
                }
                return (null, null);
            case "RobertaProcessing" or "BertProcessing":
                return ([post.GetProperty("cls")[1].GetInt32()], [post.GetProperty("sep")[1].GetInt32()]);
            case "TemplateProcessing":
                var special = post.GetProperty("special_tokens");
                List<int> before = [], after = [];
                var seenText = false;
                foreach (var item in post.GetProperty("single").EnumerateArray())
                {
                    if (item.TryGetProperty("Sequence", out _))
                    {
                        seenText = true;
                        continue;
                    }
                    var name = item.GetProperty("SpecialToken").GetProperty("id").GetString()!;
                    var target = seenText ? after : before;
                    target.AddRange(special.GetProperty(name).GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
                }
                return ([.. before], [.. after]);
            default:
                return (null, null);
        }
    }

    private static string? Pattern(JsonElement replace, string kind) =>
        replace.TryGetProperty("pattern", out var pattern) && pattern.TryGetProperty(kind, out var value) ? value.GetString() : null;

    private static int Find(Dictionary<string, int> ids, params string[] names)
    {
        foreach (var name in names)
        {
            if (ids.TryGetValue(name, out var id))
                return id;
        }
        return -1;
    }

    private static IEnumerable<JsonElement> Elements(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    [GeneratedRegex("^<0x[0-9A-F]{2}>$")]
    private static partial Regex BytePiece();
}
