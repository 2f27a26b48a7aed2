namespace SemanticSearch.Core.Imaging;

/// <summary>CLIP preprocessing: bicubic resize of the shortest side, centre crop, /255, normalise, CHW float32.</summary>
public interface IImagePreprocessor
{
    /// <summary>Writes 3 × Size × Size floats (CHW) into <paramref name="destination"/>.</summary>
    void ToTensor(RgbImage image, PreprocessSpec spec, Span<float> destination);
}
