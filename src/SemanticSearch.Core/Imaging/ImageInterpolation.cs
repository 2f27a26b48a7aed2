namespace SemanticSearch.Core.Imaging;

/// <summary>The resampling filter of a resize, with Pillow's semantics (antialiased when shrinking).</summary>
public enum ImageInterpolation
{
    /// <summary>Pillow's BICUBIC (Catmull-Rom, a = -0.5): OpenAI CLIP and OpenCLIP.</summary>
    Bicubic,

    /// <summary>Pillow's BILINEAR (triangle filter): SigLIP.</summary>
    Bilinear,
}
