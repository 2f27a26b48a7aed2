using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Clip.Onnx;

/// <summary>
/// CLIP's vision tower on ONNX Runtime. Float32 input tensors are handed to ONNX Runtime in place (pinned, no copy).
/// Thread-safe (ONNX Runtime's Run is).
/// </summary>
public sealed class ClipImageEncoder : IImageEncoder
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly bool _halfInput;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    internal ClipImageEncoder(InferenceSession session, string modelPath, PreprocessSpec preprocess, int? configDimension, int batchSize)
    {
        _session = session;
        Preprocess = preprocess;
        var inputs = session.InputMetadata;
        _inputName = inputs.ContainsKey("pixel_values") ? "pixel_values"
            : inputs.Count == 1 ? inputs.Keys.First()
            : throw new ClipModelException($"'{modelPath}' has no 'pixel_values' input (inputs: {string.Join(", ", inputs.Keys)}).");
        _inputNames = [_inputName];
        var meta = inputs[_inputName];
        _halfInput = meta.ElementDataType switch
        {
            TensorElementType.Float => false,
            TensorElementType.Float16 => true,
            var t => throw new ClipModelException($"'{modelPath}' declares '{_inputName}' as {t}; expected float32 or float16."),
        };
        var dims = meta.Dimensions;
        if (dims.Length != 4 || (dims[1] > 0 && dims[1] != 3)
            || (dims[2] > 0 && dims[2] != preprocess.Size) || (dims[3] > 0 && dims[3] != preprocess.Size))
        {
            throw new ClipModelException(
                $"'{modelPath}' takes '{_inputName}' of shape [{string.Join(", ", dims)}] but preprocessor_config.json says "
                + $"{preprocess.Size}x{preprocess.Size} RGB images.");
        }
        BatchSize = dims[0] > 0 ? dims[0] : batchSize;

        var output = EmbeddingOutput.PickName(session, "image_embeds", modelPath);
        _outputNames = [output];
        Dimension = EmbeddingOutput.DeclaredDimension(session, output) ?? configDimension
            ?? throw new ClipModelException($"Cannot tell the embedding size of '{modelPath}': its output is dynamic and config.json has no projection_dim.");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public PreprocessSpec Preprocess { get; }

    /// <summary>Most images per ONNX Runtime run; <see cref="EncodeImages"/> splits larger inputs.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public float[][] EncodeImages(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var each = Preprocess.TensorLength;
        if (tensors.Length < (long)count * each)
            throw new ArgumentException($"{count} images need {(long)count * each} floats, got {tensors.Length}.", nameof(tensors));
        var result = new float[count][];
        for (var start = 0; start < count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(BatchSize, count - start);
            RunBatch(tensors.Slice(start * each, n * each), n, result, start, cancellationToken);
        }
        return result;
    }

    private void RunBatch(ReadOnlyMemory<float> batch, int count, float[][] destination, int offset, CancellationToken ct)
    {
        long[] shape = [count, 3, Preprocess.Size, Preprocess.Size];
        try
        {
            OrtValue input;
            if (_halfInput)
            {
                // ONNX Runtime's Float16 and System.Half share the IEEE binary16 layout.
                var halves = new Float16[batch.Length];
                TensorPrimitives.ConvertToHalf(batch.Span, MemoryMarshal.Cast<Float16, Half>(halves.AsSpan()));
                input = OrtValue.CreateTensorValueFromMemory(halves, shape);
            }
            else
            {
                // ONNX Runtime only reads inputs, so the caller's buffer is pinned and used as is.
                input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, MemoryMarshal.AsMemory(batch), shape);
            }
            using (input)
            using (var runOptions = new RunOptions())
            using (ct.Register(() => runOptions.Terminate = true))
            {
                using var outputs = _session.Run(runOptions, _inputNames, [input], _outputNames);
                EmbeddingOutput.CopyNormalized(outputs[0], count, Dimension, destination, offset);
            }
        }
        catch (OnnxRuntimeException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
    }
}
