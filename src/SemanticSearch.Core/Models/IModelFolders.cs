using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Core.Models;

/// <summary>Where models come from: the configured folder, the known models of the store and installed folders.</summary>
public interface IModelFolders
{
    /// <summary>The model the settings name (<c>SemanticSearch:Model</c>), used until an admin chooses another.</summary>
    ModelChoice Configured { get; }

    /// <summary>Known and installed models as the folders describe them (no answering or pending marks).</summary>
    IReadOnlyList<ModelListing> List();

    /// <summary>Loads the model of <paramref name="choice"/> (slow: creates the ONNX sessions).</summary>
    /// <exception cref="ModelChoiceException">Unknown name, not installed, or a folder that cannot be loaded.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder is not there (yet).</exception>
    IEmbeddingModel Load(ModelChoice choice);

    /// <summary>The variant the loaded model uses (<c>Fp32</c>, <c>Quantized</c>, <c>Fp16</c>), when known.</summary>
    string? VariantOf(IEmbeddingModel model);
}
