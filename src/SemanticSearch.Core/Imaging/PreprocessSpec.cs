namespace SemanticSearch.Core.Imaging;

/// <summary>
/// How a model wants its pixels: resized to a <see cref="Size"/> square (by <see cref="ResizeMode"/>, with
/// <see cref="Interpolation"/>), scaled to [0, 1] and normalised per channel. The defaults are OpenAI CLIP's.
/// </summary>
public sealed record PreprocessSpec(int Size, float[] Mean, float[] Std)
{
    /// <summary>OpenAI CLIP's values (clip/clip.py _transform).</summary>
    public static PreprocessSpec Clip { get; } = new(
        224,
        [0.48145466f, 0.4578275f, 0.40821073f],
        [0.26862954f, 0.26130258f, 0.27577711f]);

    /// <summary>Shortest side + centre crop (default) or squash.</summary>
    public ImageResizeMode ResizeMode { get; init; } = ImageResizeMode.ShortestSideCentreCrop;

    /// <summary>Bicubic (default) or bilinear, both as Pillow computes them.</summary>
    public ImageInterpolation Interpolation { get; init; } = ImageInterpolation.Bicubic;

    /// <summary>Number of floats in one CHW tensor.</summary>
    public int TensorLength => 3 * Size * Size;
}
