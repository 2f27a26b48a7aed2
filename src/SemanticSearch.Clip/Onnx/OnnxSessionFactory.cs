using Microsoft.ML.OnnxRuntime;

namespace SemanticSearch.Clip.Onnx;

/// <summary>Creates ONNX Runtime sessions configured from <see cref="ClipModelOptions"/>.</summary>
internal static class OnnxSessionFactory
{
    public static InferenceSession Create(string modelPath, ClipModelOptions options)
    {
        var so = new SessionOptions();
        try
        {
            so.GraphOptimizationLevel = options.GraphOptimizationLevel switch
            {
                GraphOptimization.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
                GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            if (options.IntraOpThreads > 0)
                so.IntraOpNumThreads = options.IntraOpThreads;
            if (options.InterOpThreads > 1)
            {
                // Inter-op threads only matter when independent branches may run at once.
                so.ExecutionMode = ExecutionMode.ORT_PARALLEL;
                so.InterOpNumThreads = options.InterOpThreads;
            }
            so.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
            AddExecutionProvider(so, options);
            return new InferenceSession(modelPath, so);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ClipModelException($"ONNX Runtime cannot load '{modelPath}': {e.Message}", e);
        }
        finally
        {
            // The session keeps its own copy of the options.
            so.Dispose();
        }
    }

    private static void AddExecutionProvider(SessionOptions so, ClipModelOptions options)
    {
        switch (options.ExecutionProvider)
        {
            case ExecutionProviderKind.Cpu:
                return;
            case ExecutionProviderKind.Cuda:
#if SEMSEARCH_CUDA
                so.AppendExecutionProvider_CUDA(options.DeviceId);
                return;
#else
                throw new ClipModelException(
                    "ExecutionProvider 'Cuda' needs a CUDA build of SemanticSearch: build with `dotnet build -p:UseCuda=true` "
                    + "(it uses Microsoft.ML.OnnxRuntime.Gpu.Linux instead of the CPU package), or set SemanticSearch:Model:ExecutionProvider to Cpu.");
#endif
            default:
                throw new ClipModelException($"Unknown execution provider '{options.ExecutionProvider}'; use Cpu or Cuda.");
        }
    }
}
