namespace SemanticSearch.Core.Imaging;

/// <summary>A typed, human-readable failure to read or decode one image. Never fatal to a crawl.</summary>
public sealed class ImageDecodeException(ImageErrorKind kind, string reason, Exception? inner = null)
    : Exception(reason, inner)
{
    public ImageErrorKind Kind { get; } = kind;
}
