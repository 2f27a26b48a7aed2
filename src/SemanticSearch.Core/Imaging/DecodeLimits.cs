namespace SemanticSearch.Core.Imaging;

/// <summary>Limits checked before any pixel is decoded, so hostile files cost nothing.</summary>
public sealed record DecodeLimits
{
    public static DecodeLimits Default { get; } = new();

    /// <summary>Largest width × height accepted, read from the header (default 100 megapixels).</summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Largest encoded size in bytes accepted (default 50 MB).</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;
}
