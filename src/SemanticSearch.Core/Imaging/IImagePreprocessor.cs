namespace SemanticSearch.Core.Imaging;

/// <summary>CLIP preprocessing: bicubic resize of the shortest side, centre crop, /255, normalise, CHW float32.</summary>
public interface IImagePreprocessor
{
    /// <summary>Writes 3 × Size × Size floats (CHW) into <paramref name="destination"/>.</summary>
    void ToTensor(RgbImage image, PreprocessSpec spec, Span<float> destination);

    /// <summary>
    /// Writes the tensor of a decoded image. Prefer this over the <see cref="RgbImage"/> overload for the output of
    /// <see cref="IImageDecoder.Decode"/>: it takes the geometry from the original size, so a reduced-scale decode
    /// yields the same crop as a full-size one.
    /// </summary>
    void ToTensor(DecodedImage image, PreprocessSpec spec, Span<float> destination) => ToTensor(image.Pixels, spec, destination);
}
