using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Clip.Onnx;

/// <summary>Finds a tower's embedding output and turns it into L2-normalised float vectors.</summary>
internal static class EmbeddingOutput
{
    /// <summary>The output named <paramref name="preferred"/> (text_embeds / image_embeds), else the only output.</summary>
    public static string PickName(InferenceSession session, string preferred, string modelPath)
    {
        if (session.OutputMetadata.ContainsKey(preferred))
            return preferred;
        if (session.OutputMetadata.Count == 1)
            return session.OutputMetadata.Keys.First();
        throw new ClipModelException(
            $"'{modelPath}' has no output named '{preferred}' and several others ({string.Join(", ", session.OutputMetadata.Keys)}); "
            + "export the model with projected embeddings as its output.");
    }

    /// <summary>The embedding width declared by the graph, when it is fixed.</summary>
    public static int? DeclaredDimension(InferenceSession session, string output)
    {
        var dims = session.OutputMetadata[output].Dimensions;
        return dims.Length == 2 && dims[1] > 0 ? dims[1] : null;
    }

    /// <summary>Copies <paramref name="count"/> rows of a [count, dimension] output into <paramref name="destination"/>, normalised.</summary>
    public static void CopyNormalized(OrtValue value, int count, int dimension, float[][] destination, int offset)
    {
        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape;
        if (shape.Length != 2 || shape[0] != count || shape[1] != dimension)
            throw new ClipModelException($"The model returned an output of shape [{string.Join(", ", shape)}], expected [{count}, {dimension}].");
        for (var i = 0; i < count; i++)
        {
            var row = new float[dimension];
            switch (info.ElementDataType)
            {
                case TensorElementType.Float:
                    value.GetTensorDataAsSpan<float>().Slice(i * dimension, dimension).CopyTo(row);
                    break;
                case TensorElementType.Float16:
                    // ONNX Runtime's Float16 and System.Half share the IEEE binary16 layout.
                    var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>());
                    TensorPrimitives.ConvertToSingle(halves.Slice(i * dimension, dimension), row);
                    break;
                default:
                    throw new ClipModelException($"The model returned {info.ElementDataType} embeddings; expected float32 or float16.");
            }
            VectorMath.NormalizeInPlace(row);
            destination[offset + i] = row;
        }
    }
}
