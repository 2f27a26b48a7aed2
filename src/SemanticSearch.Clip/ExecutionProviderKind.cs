namespace SemanticSearch.Clip;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum ExecutionProviderKind
{
    /// <summary>ONNX Runtime's CPU provider (package Microsoft.ML.OnnxRuntime), the default.</summary>
    Cpu,

    /// <summary>
    /// NVIDIA CUDA (package Microsoft.ML.OnnxRuntime.Gpu.Linux). Only available in a build made with
    /// <c>-p:UseCuda=true</c>, because the CPU and GPU packages cannot both be referenced.
    /// </summary>
    Cuda,
}
