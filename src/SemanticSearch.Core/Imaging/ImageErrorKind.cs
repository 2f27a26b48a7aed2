namespace SemanticSearch.Core.Imaging;

/// <summary>Why an image could not be used. Stored in the catalog next to the human-readable reason.</summary>
public enum ImageErrorKind
{
    /// <summary>The file or upload has zero bytes.</summary>
    Empty,
    /// <summary>The data starts like an image but ends early or is damaged.</summary>
    Corrupt,
    /// <summary>The bytes are not any image format we know (HTML, text, random data...).</summary>
    NotAnImage,
    /// <summary>A recognised image format that we do not decode (HEIC, TIFF, ...).</summary>
    UnsupportedFormat,
    /// <summary>The header declares more pixels than the configured limit (decompression bomb guard).</summary>
    TooManyPixels,
    /// <summary>The encoded file is larger than the configured byte limit.</summary>
    TooLarge,
    /// <summary>The file could not be read (permissions, vanished, I/O error).</summary>
    Unreadable,
}
