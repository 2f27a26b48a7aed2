using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Web.Components.Search;

/// <summary>
/// Decodes a query image once to check it is an image at all (a clear message for a dropped PDF) and makes a small
/// preview to show as the query, as a data URL (no temporary files, nothing stored).
/// </summary>
public sealed class QueryImagePreview(IImageDecoder decoder, IThumbnailEncoder thumbnails)
{
    /// <summary>Longest side of the preview in pixels.</summary>
    public const int PreviewSide = 240;

    /// <summary>A data URL of a preview of <paramref name="data"/>.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not a usable image.</exception>
    public string CreateDataUrl(byte[] data)
    {
        var decoded = decoder.Decode(data, minShortSide: PreviewSide);
        var bytes = thumbnails.Encode(decoded.Pixels, PreviewSide);
        return $"data:{thumbnails.ContentType};base64,{Convert.ToBase64String(bytes)}";
    }
}
