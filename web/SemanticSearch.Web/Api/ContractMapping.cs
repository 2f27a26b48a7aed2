using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary>Turns engine types into the API's JSON contracts.</summary>
public static class ContractMapping
{
    /// <summary>A page of hits.</summary>
    public static SearchResultsDto ToDto(this SearchResponse response, int offset, int k) => new(
        [.. response.Results.Select(ToDto)],
        Math.Round(response.Took.TotalMilliseconds, 2),
        response.HasMore,
        offset,
        k);

    /// <summary>One hit.</summary>
    public static SearchResultDto ToDto(this SearchHit hit) => new(
        hit.Image.Id,
        hit.Image.Location,
        MathF.Round(hit.Score, 4),
        ImageUrls.Thumbnail(hit.Image),
        ImageUrls.Original(hit.Image),
        hit.Image.Width,
        hit.Image.Height,
        hit.Image.Format,
        hit.Image.Size,
        hit.Image.DateTaken);

    /// <summary>An image's metadata.</summary>
    public static ImageDetailsDto ToDetailsDto(this CatalogImage image) => new(
        image.Id,
        image.SourceId,
        image.Location,
        image.Size,
        image.Width,
        image.Height,
        image.Format,
        image.DateTaken,
        image.Camera,
        image.Status.ToString().ToLowerInvariant(),
        image.FailureReason,
        image.Modified,
        ImageUrls.Thumbnail(image),
        ImageUrls.Original(image),
        ImageUrls.Similar(image.Id));

    /// <summary>A progress snapshot.</summary>
    public static CrawlerStatusDto ToDto(this CrawlProgress progress) => new(
        progress.State.ToString().ToLowerInvariant(),
        progress.Mode?.ToString().ToLowerInvariant(),
        progress.Phase,
        progress.Discovered,
        progress.Processed,
        progress.Indexed,
        progress.Failed,
        progress.Skipped,
        progress.ToProcess,
        progress.Fraction,
        Math.Round(progress.ImagesPerSecond, 2),
        progress.Eta is { } eta ? Math.Round(eta.TotalSeconds, 1) : null,
        progress.CurrentItem,
        progress.StartedAt,
        progress.FinishedAt,
        [.. progress.LastErrors.Select(ToDto)]);

    /// <summary>A crawl failure.</summary>
    public static FailureDto ToDto(this CrawlFailure failure) => new(failure.Location, failure.Kind, failure.Reason, failure.At);

    /// <summary>A source.</summary>
    public static SourceDto ToDto(this CatalogSource source) => new(
        source.Id,
        source.Kind.ToString().ToLowerInvariant(),
        source.Location,
        source.Enabled,
        source.Watch,
        source.MaxDepth,
        source.Added);
}
