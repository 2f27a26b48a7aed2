using System.ComponentModel.DataAnnotations;

namespace SemanticSearch.Web.QueryImages;

/// <summary>
/// How uploaded query images are kept so an image search is a shareable link (section <c>SemanticSearch:QueryImages</c>).
/// Bounded in time, count and bytes; the oldest go first.
/// </summary>
public sealed class QueryImageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SemanticSearch:QueryImages";

    /// <summary>How long an uploaded query image (and so its link) stays usable, in hours (default one day).</summary>
    [Range(1, 24 * 365)]
    public int KeepHours { get; set; } = 24;

    /// <summary>Most query images kept at once.</summary>
    [Range(1, 1_000_000)]
    public int MaxCount { get; set; } = 1000;

    /// <summary>Most bytes of query images kept at once (default 512 MB).</summary>
    [Range(1024 * 1024, 1L << 40)]
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary><see cref="KeepHours"/> as a time span.</summary>
    public TimeSpan Keep => TimeSpan.FromHours(KeepHours);
}
