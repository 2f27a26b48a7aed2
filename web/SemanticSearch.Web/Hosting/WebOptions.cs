using System.ComponentModel.DataAnnotations;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Limits of the HTTP API and UI (section <c>SemanticSearch:Web</c>). Query length, page size and paging depth are not
/// here: they are <see cref="Core.Search.SearchOptions"/> (<c>SemanticSearch:Search</c>), shared with the engine and the CLI.
/// </summary>
public sealed class WebOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SemanticSearch:Web";

    /// <summary>Largest image upload accepted, in bytes (multipart or raw body).</summary>
    [Range(1024, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// Largest width × height of a query image, read from its header before anything is decoded (default 40
    /// megapixels); larger images are refused with 413.
    /// </summary>
    [Range(1, 1_000_000_000)]
    public long MaxUploadPixels { get; set; } = 40_000_000;

    /// <summary>Results per page when <c>k</c> is not given (at most <c>SemanticSearch:Search:MaxLimit</c>).</summary>
    [Range(1, 200)]
    public int DefaultResults { get; set; } = 24;

    /// <summary>How long browsers may keep thumbnails without asking again.</summary>
    [Range(0, 31_536_000)]
    public int ThumbnailCacheSeconds { get; set; } = 86_400;

    /// <summary>
    /// Reverse proxies (addresses or networks such as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed. Empty: forwarded headers are ignored, and a request carrying them is
    /// never treated as coming from this machine.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxies.Where(p => !Hosting.TrustedProxies.TryParse(p, out _))
            .Select(p => new ValidationResult($"'{p}' is neither an IP address nor a network such as 10.0.0.0/8.", [nameof(TrustedProxies)]));
}
