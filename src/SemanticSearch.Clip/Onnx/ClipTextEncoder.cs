using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Clip.Onnx;

/// <summary>
/// CLIP's text tower on ONNX Runtime. Texts are tokenised with the CLIP tokenizer and batches are padded only to their
/// longest sequence: the text transformer is causal and pools at the end token, so padding beyond it changes nothing.
/// Models whose folder names a pad token (open_clip layout) are always padded to their context length with that token,
/// as they were trained: SigLIP's text tower attends to the padding and pools at the last position.
/// Thread-safe (ONNX Runtime's Run is).
/// </summary>
public sealed class ClipTextEncoder : ILanguageTextEncoder
{
    /// <summary>CLIP's context length, used when the graph does not fix one.</summary>
    public const int DefaultContextLength = 77;

    private readonly InferenceSession _session;
    private readonly string _idsName;
    private readonly TensorElementType _idsType;
    private readonly string? _maskName;
    private readonly TensorElementType _maskType;
    private readonly string[] _outputNames;
    private readonly int _fixedLength;
    private readonly int _maxBatch;
    private readonly bool _padToContext;
    private readonly int _padId;

    /// <param name="padding">The model folder's own padding (open_clip's pad token and context), overriding the tokenizer's.</param>
    internal ClipTextEncoder(InferenceSession session, string modelPath, ITextTokenizer tokenizer, int? configDimension, int batchSize,
        TextPadding? padding = null)
    {
        _session = session;
        Tokenizer = tokenizer;
        var inputs = session.InputMetadata;
        _idsName = inputs.ContainsKey("input_ids") ? "input_ids"
            : inputs.Keys.Where(k => k != "attention_mask").ToArray() is [var only] ? only
            : throw new ClipModelException($"'{modelPath}' has no 'input_ids' input (inputs: {string.Join(", ", inputs.Keys)}).");
        _idsType = IntegerType(inputs[_idsName], _idsName, modelPath);
        if (inputs.TryGetValue("attention_mask", out var mask))
        {
            _maskName = "attention_mask";
            _maskType = IntegerType(mask, _maskName, modelPath);
        }
        var unknown = inputs.Keys.Where(k => k != _idsName && k != _maskName).ToArray();
        if (unknown.Length > 0)
            throw new ClipModelException($"'{modelPath}' needs inputs this encoder does not provide: {string.Join(", ", unknown)}.");

        var dims = inputs[_idsName].Dimensions;
        _fixedLength = dims.Length == 2 && dims[1] > 0 ? dims[1] : 0;
        ContextLength = _fixedLength > 0 ? _fixedLength : padding?.ContextLength ?? tokenizer.ContextLength;
        _padId = padding?.PadId ?? tokenizer.PadId;
        // Without a mask the padding is read (SigLIP), so such towers get the whole context; with one it is ignored.
        _padToContext = padding is { AlwaysToContext: true } || (tokenizer.PadsToContextLength && _maskName is null);
        _maxBatch = dims.Length == 2 && dims[0] > 0 ? dims[0] : batchSize;

        var output = EmbeddingOutput.PickName(session, "text_embeds", modelPath);
        _outputNames = [output];
        Dimension = EmbeddingOutput.DeclaredDimension(session, output) ?? configDimension
            ?? throw new ClipModelException($"Cannot tell the embedding size of '{modelPath}': its output is dynamic and config.json has no projection_dim.");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Longest token sequence the model takes, start and end tokens included.</summary>
    public int ContextLength { get; }

    /// <summary>The tokenizer of this model's folder.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>The id sequences are padded with (the folder's pad token, else the tokenizer's).</summary>
    public int PadId => _padId;

    /// <inheritdoc />
    public float[][] EncodeTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        EncodeTexts(texts, TextLanguage.None, cancellationToken);

    /// <inheritdoc />
    public TextLanguage ResolveLanguage(string? languageTag) => TextLanguageResolver.Resolve(Tokenizer, languageTag);

    /// <inheritdoc />
    public float[][] EncodeTexts(IReadOnlyList<string> texts, TextLanguage language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(language);
        var ids = new int[texts.Count][];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = Tokenizer.EncodeForModel(texts[i] ?? string.Empty, ContextLength, language.ModelCode);
        return EncodeTokenIds(ids, _padToContext ? ContextLength : 0, cancellationToken);
    }

    /// <summary>
    /// Encodes ready token sequences (each with its special tokens, as <see cref="ITextTokenizer.EncodeForModel"/> makes them).
    /// Each batch is padded with <see cref="PadId"/> to its longest sequence, or to <paramref name="padToLength"/> when that
    /// is longer, or to <see cref="ContextLength"/> when the graph's length is fixed or the model is always padded to it.
    /// </summary>
    public float[][] EncodeTokenIds(IReadOnlyList<int[]> tokenIds, int padToLength = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        foreach (var seq in tokenIds)
        {
            if (seq is null || seq.Length == 0 || seq.Length > ContextLength)
                throw new ArgumentException($"Every token sequence needs 1 to {ContextLength} ids.", nameof(tokenIds));
        }
        if (padToLength > ContextLength)
            throw new ArgumentOutOfRangeException(nameof(padToLength), $"At most {ContextLength}.");

        // Batching similar lengths together keeps padding (wasted compute) small.
        var order = Enumerable.Range(0, tokenIds.Count).OrderBy(i => tokenIds[i].Length).ToArray();
        var sorted = order.Select(i => tokenIds[i]).ToArray();
        var encoded = new float[sorted.Length][];
        for (var start = 0; start < sorted.Length; start += _maxBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunBatch(sorted, start, Math.Min(_maxBatch, sorted.Length - start), padToLength, encoded, cancellationToken);
        }
        var result = new float[encoded.Length][];
        for (var i = 0; i < order.Length; i++)
            result[order[i]] = encoded[i];
        return result;
    }

    private void RunBatch(int[][] ids, int start, int count, int padTo, float[][] destination, CancellationToken ct)
    {
        var length = Math.Max(padTo, _padToContext ? ContextLength : _fixedLength);
        for (var i = start; i < start + count; i++)
            length = Math.Max(length, ids[i].Length);
        long[] shape = [count, length];

        var names = new List<string>(2) { _idsName };
        using var idsValue = Pack(ids, start, count, length, _idsType, mask: false, shape, _padId);
        var values = new List<OrtValue>(2) { idsValue };
        using var maskValue = _maskName is null ? null : Pack(ids, start, count, length, _maskType, mask: true, shape, 0);
        if (maskValue is not null)
        {
            names.Add(_maskName!);
            values.Add(maskValue);
        }

        using var runOptions = new RunOptions();
        using var cancel = ct.Register(() => runOptions.Terminate = true);
        try
        {
            using var outputs = _session.Run(runOptions, names, values, _outputNames);
            EmbeddingOutput.CopyNormalized(outputs[0], count, Dimension, destination, start);
        }
        catch (OnnxRuntimeException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
    }

    private static OrtValue Pack(int[][] ids, int start, int count, int length, TensorElementType type, bool mask, long[] shape, int pad) =>
        type == TensorElementType.Int64
            ? OrtValue.CreateTensorValueFromMemory(Fill<long>(ids, start, count, length, mask, pad), shape)
            : OrtValue.CreateTensorValueFromMemory(Fill<int>(ids, start, count, length, mask, pad), shape);

    /// <summary>Row-major [count, length]: token ids padded with <paramref name="pad"/>, or the mask (1 for real tokens, 0 for padding).</summary>
    private static T[] Fill<T>(int[][] ids, int start, int count, int length, bool mask, int pad) where T : unmanaged, IBinaryInteger<T>
    {
        var data = new T[count * length];
        if (!mask && pad != 0)
            data.AsSpan().Fill(T.CreateTruncating(pad));
        for (var r = 0; r < count; r++)
        {
            var seq = ids[start + r];
            var row = data.AsSpan(r * length, seq.Length);
            for (var c = 0; c < seq.Length; c++)
                row[c] = mask ? T.One : T.CreateTruncating(seq[c]);
        }
        return data;
    }

    private static TensorElementType IntegerType(NodeMetadata meta, string name, string modelPath) =>
        meta.ElementDataType is TensorElementType.Int64 or TensorElementType.Int32
            ? meta.ElementDataType
            : throw new ClipModelException($"'{modelPath}' declares input '{name}' as {meta.ElementDataType}; expected int64 or int32.");
}
