using SemanticSearch.Core.Imaging;
using SemanticSearch.Web.Diagnostics;

namespace SemanticSearch.Web.Components.Search;

/// <summary>
/// Decodes a query image once to check it is an image at all (a clear message for a dropped PDF) and makes a small
/// preview to show as the query, as a data URL (no temporary files, nothing stored). The decode goes through the same
/// limits and memory budget as the search itself.
/// </summary>
public sealed class QueryImagePreview(IImageDecoder decoder, IThumbnailEncoder thumbnails, QueryImageAdmission admission)
{
    /// <summary>Longest side of the preview in pixels.</summary>
    public const int PreviewSide = 240;

    /// <summary>A data URL of a preview of <paramref name="data"/>.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not a usable image.</exception>
    /// <exception cref="SearchBusyException">The decode memory could not be reserved in time.</exception>
    public async Task<string> CreateDataUrlAsync(byte[] data, CancellationToken cancellationToken = default)
    {
        using var lease = await admission.EnterAsync(data, PreviewSide, cancellationToken);
        return await Task.Run(() =>
        {
            var decoded = decoder.Decode(data, minShortSide: PreviewSide, admission.Limits);
            var bytes = thumbnails.Encode(decoded.Pixels, PreviewSide);
            return $"data:{thumbnails.ContentType};base64,{Convert.ToBase64String(bytes)}";
        }, cancellationToken);
    }
}
