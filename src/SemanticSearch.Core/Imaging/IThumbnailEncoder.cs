namespace SemanticSearch.Core.Imaging;

/// <summary>Encodes small previews so result pages never load originals.</summary>
public interface IThumbnailEncoder
{
    /// <summary>File extension of what <see cref="Encode"/> returns, e.g. ".webp".</summary>
    string Extension { get; }

    /// <summary>MIME type of what <see cref="Encode"/> returns, e.g. "image/webp".</summary>
    string ContentType { get; }

    /// <summary>Downscales (never upscales) so the longest side is at most <paramref name="maxSide"/> and encodes.</summary>
    byte[] Encode(RgbImage image, int maxSide = 320);
}
