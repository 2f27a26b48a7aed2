namespace SemanticSearch.Core.Imaging;

/// <summary>How a model wants its pixels: shortest side resized to <see cref="Size"/>, centre-cropped square, normalised.</summary>
public sealed record PreprocessSpec(int Size, float[] Mean, float[] Std)
{
    /// <summary>OpenAI CLIP's values (clip/clip.py _transform).</summary>
    public static PreprocessSpec Clip { get; } = new(
        224,
        [0.48145466f, 0.4578275f, 0.40821073f],
        [0.26862954f, 0.26130258f, 0.27577711f]);

    /// <summary>Number of floats in one CHW tensor.</summary>
    public int TensorLength => 3 * Size * Size;
}
