using SkiaSharp;

namespace SemanticSearch.Imaging;

/// <summary>Format names as stored in the catalog, and as shown to people in error messages.</summary>
internal static class ImageFormatNames
{
    public static string Of(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "jpeg",
        SKEncodedImageFormat.Png => "png",
        SKEncodedImageFormat.Gif => "gif",
        SKEncodedImageFormat.Webp => "webp",
        SKEncodedImageFormat.Bmp => "bmp",
        SKEncodedImageFormat.Heif => "heif",
        SKEncodedImageFormat.Avif => "avif",
        SKEncodedImageFormat.Jpegxl => "jpeg-xl",
        _ => format.ToString().ToLowerInvariant(),
    };

    public static string Display(string format) => format switch
    {
        "jpeg" => "JPEG",
        "png" => "PNG",
        "gif" => "GIF",
        "webp" => "WebP",
        "bmp" => "BMP",
        "tiff" => "TIFF",
        "ico" => "ICO",
        "psd" => "Photoshop (PSD)",
        "heif" => "HEIC/HEIF",
        "avif" => "AVIF",
        "svg" => "SVG",
        "jpeg-xl" => "JPEG XL",
        "jpeg-2000" => "JPEG 2000",
        "dng" => "DNG (raw)",
        "iso-media" => "ISO media (MP4/HEIF family)",
        _ => format.ToUpperInvariant(),
    };

    public static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.InvalidInput => "invalid input",
        SKCodecResult.ErrorInInput => "error in input",
        SKCodecResult.IncompleteInput => "incomplete input",
        SKCodecResult.Unimplemented => "unimplemented feature",
        _ => result.ToString(),
    };
}
