namespace SemanticSearch.Core.Imaging;

/// <summary>How an image is brought to a model's square input.</summary>
public enum ImageResizeMode
{
    /// <summary>Shortest side resized to the input size, then a centre crop (OpenAI CLIP, most OpenCLIP models).</summary>
    ShortestSideCentreCrop,

    /// <summary>Resized straight to a square, aspect ratio not kept, nothing cropped (SigLIP).</summary>
    Squash,
}
