using Microsoft.ML.OnnxRuntime;
using SemanticSearch.Clip;

namespace SemanticSearch.Cli;

/// <summary>
/// A model folder that cannot be loaded (its tokenizer, config or ONNX files), however deep in a verb it surfaced:
/// the model is loaded lazily, so the error may come out of the crawler or the service provider wrapped in another.
/// </summary>
internal static class ModelLoadFailure
{
    /// <summary>The reason on one line, or null when <paramref name="error"/> is not a model-loading error.</summary>
    public static string? Describe(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is ClipModelException or OnnxRuntimeException)
                return string.Join(' ', e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
                return Describe(aggregate.InnerExceptions[0]);
        }
        return null;
    }
}
