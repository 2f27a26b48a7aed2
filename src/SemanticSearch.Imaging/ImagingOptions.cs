using System.ComponentModel.DataAnnotations;

namespace SemanticSearch.Imaging;

/// <summary>Memory bounds of image decoding (section <c>SemanticSearch:Imaging</c>).</summary>
public sealed class ImagingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SemanticSearch:Imaging";

    /// <summary>
    /// Bytes of decode buffers that query uploads, previews and the crawler may hold at once, all together
    /// (default 512 MB). A decode reserves its share, measured from the header, before it starts.
    /// </summary>
    [Range(16L * 1024 * 1024, 1L << 40)]
    public long DecodeMemoryBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// How long a query image waits for its share of <see cref="DecodeMemoryBytes"/> before the request is answered
    /// 503 with Retry-After (the crawler waits as long as it takes).
    /// </summary>
    [Range(0, 60_000)]
    public int QueryWaitMilliseconds { get; set; } = 2_000;

    /// <summary>
    /// Query images (uploads, previews) decoded and embedded at once; 0 means one per processor. Further ones wait up
    /// to <see cref="QueryWaitMilliseconds"/> and are then answered 503, so a flood of large images is refused quickly
    /// instead of slowing every request down together. The crawler is not counted: it has its own workers.
    /// </summary>
    [Range(0, 256)]
    public int MaxConcurrentQueryImages { get; set; }

    /// <summary>The effective <see cref="MaxConcurrentQueryImages"/>.</summary>
    public int EffectiveMaxConcurrentQueryImages => MaxConcurrentQueryImages > 0 ? MaxConcurrentQueryImages : Environment.ProcessorCount;
}
