using SemanticSearch.Clip.Onnx;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Onnx;

/// <summary>The bundled demo model, loaded once per test class that uses it.</summary>
public sealed class DemoModelFixture : IDisposable
{
    public DemoModelFixture()
    {
        Model = ClipEmbeddingModel.Load(RepoPaths.DemoModel, new ClipModelOptions { BatchSize = 16 });
    }

    public ClipEmbeddingModel Model { get; }

    public void Dispose() => Model.Dispose();
}
