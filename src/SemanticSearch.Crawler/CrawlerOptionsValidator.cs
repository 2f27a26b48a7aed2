using Microsoft.Extensions.Options;

namespace SemanticSearch.Crawler;

/// <summary>Rejects crawler settings that would hang or break a run, with a message naming the setting.</summary>
internal sealed class CrawlerOptionsValidator : IValidateOptions<CrawlerOptions>
{
    public ValidateOptionsResult Validate(string? name, CrawlerOptions o)
    {
        var errors = new List<string>();
        if (o.Workers < 0) errors.Add("SemanticSearch:Crawler:Workers must be 0 (one per processor) or more.");
        if (o.BatchSize is < 1 or > 1024) errors.Add("SemanticSearch:Crawler:BatchSize must be between 1 and 1024.");
        if (o.QueueCapacity < 1) errors.Add("SemanticSearch:Crawler:QueueCapacity must be at least 1.");
        if (o.SaveIntervalSeconds < 1) errors.Add("SemanticSearch:Crawler:SaveIntervalSeconds must be at least 1.");
        if (o.SaveEveryImages < 1) errors.Add("SemanticSearch:Crawler:SaveEveryImages must be at least 1.");
        if (o.RescanInterval is { } r && r < TimeSpan.Zero) errors.Add("SemanticSearch:Crawler:RescanInterval must not be negative.");
        if (o.WatchDebounce < TimeSpan.Zero) errors.Add("SemanticSearch:Crawler:WatchDebounce must not be negative.");
        if (o.MaxDownloadBytes < 1) errors.Add("SemanticSearch:Crawler:MaxDownloadBytes must be positive.");
        if (o.MaxPixels < 1) errors.Add("SemanticSearch:Crawler:MaxPixels must be positive.");
        if (o.PerHostRequestsPerSecond < 0) errors.Add("SemanticSearch:Crawler:PerHostRequestsPerSecond must be 0 (no limit) or more.");
        if (o.HttpTimeoutSeconds <= 0) errors.Add("SemanticSearch:Crawler:HttpTimeoutSeconds must be positive.");
        if (o.HttpRetries is < 0 or > 10) errors.Add("SemanticSearch:Crawler:HttpRetries must be between 0 and 10.");
        if (string.IsNullOrWhiteSpace(o.UserAgent)) errors.Add("SemanticSearch:Crawler:UserAgent must not be empty.");
        if (o.MaxPagesPerSource < 1) errors.Add("SemanticSearch:Crawler:MaxPagesPerSource must be at least 1.");
        if (o.ThumbnailMaxSide is < 16 or > 4096) errors.Add("SemanticSearch:Crawler:ThumbnailMaxSide must be between 16 and 4096.");
        foreach (var ext in o.ImageExtensions)
        {
            if (string.IsNullOrWhiteSpace(ext) || ext.Contains('/') || ext.Contains('*'))
                errors.Add($"SemanticSearch:Crawler:ImageExtensions has an invalid entry '{ext}' (write e.g. \"jpg\").");
        }
        if (o.FollowLinksOutside.Any(string.IsNullOrWhiteSpace))
            errors.Add("SemanticSearch:Crawler:FollowLinksOutside has an empty entry (list folder source locations).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
