namespace SemanticSearch.Core.Catalog;

/// <summary>
/// A new or changed image, embedded and ready to store. Written by (source, location): an existing row at that
/// location is updated in place and keeps its id.
/// </summary>
public sealed record EmbeddedImage
{
    /// <summary>The source the image was found in.</summary>
    public required long SourceId { get; init; }

    /// <summary>Absolute file path or URL; unique within its source.</summary>
    public required string Location { get; init; }

    /// <summary>Size in bytes of the original.</summary>
    public required long Size { get; init; }

    /// <summary>Last modification time of the original (or HTTP Last-Modified / fetch time for the web).</summary>
    public required DateTimeOffset Modified { get; init; }

    /// <summary>Hash of the original's bytes (lower-case hex), used to recognise moved and copied files.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Width after EXIF orientation.</summary>
    public int Width { get; init; }

    /// <summary>Height after EXIF orientation.</summary>
    public int Height { get; init; }

    /// <summary>Lower-case format name: jpeg, png, gif, webp, bmp.</summary>
    public string? Format { get; init; }

    /// <summary>EXIF date taken, when present.</summary>
    public DateTimeOffset? DateTaken { get; init; }

    /// <summary>EXIF camera make and model, when present.</summary>
    public string? Camera { get; init; }

    /// <summary>The normalised embedding from the catalog's current model.</summary>
    public required float[] Embedding { get; init; }

    /// <summary>Thumbnail path relative to the data folder, when one was written.</summary>
    public string? ThumbnailPath { get; init; }
}
