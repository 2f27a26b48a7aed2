using System.ComponentModel.DataAnnotations;

namespace SemanticSearch.Web.Hosting;

/// <summary>Per-client token bucket on the search endpoints (section <c>SemanticSearch:RateLimiting</c>).</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SemanticSearch:RateLimiting";

    /// <summary>Off for benchmarks or trusted networks.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sustained searches per second and client address.</summary>
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 20;

    /// <summary>Searches a client may make at once before it is slowed to the sustained rate.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 40;

    /// <summary>Requests that wait for a token instead of being refused at once.</summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; } = 0;
}
