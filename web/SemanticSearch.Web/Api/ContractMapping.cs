using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary>Turns engine types into the API's JSON contracts.</summary>
public static class ContractMapping
{
    /// <summary>A page of hits.</summary>
    public static SearchResultsDto ToDto(this SearchResponse response, int offset, int k, LocationView view) => new(
        [.. response.Results.Select(hit => hit.ToDto(view))],
        Math.Round(response.Took.TotalMilliseconds, 2),
        response.HasMore,
        offset,
        k)
    {
        WeakMatch = response.WeakMatch,
        HiddenDuplicates = response.HiddenDuplicates,
        LanguageNote = response.LanguageNote,
    };

    /// <summary>One hit, its location as <paramref name="view"/> shows it.</summary>
    public static SearchResultDto ToDto(this SearchHit hit, LocationView view) => new(
        hit.Image.Id,
        view.PathOf(hit.Image),
        MathF.Round(hit.Score, 4),
        ImageUrls.Thumbnail(hit.Image),
        ImageUrls.Original(hit.Image),
        hit.Image.Width,
        hit.Image.Height,
        hit.Image.Format,
        hit.Image.Size,
        hit.Image.DateTaken,
        view.SourceNameOf(hit.Image));

    /// <summary>An image's metadata; the absolute path and failure reason only when <paramref name="view"/> is an admin's.</summary>
    public static ImageDetailsDto ToDetailsDto(this CatalogImage image, LocationView view) => new(
        image.Id,
        image.SourceId,
        view.PathOf(image),
        image.Size,
        image.Width,
        image.Height,
        image.Format,
        image.DateTaken,
        image.Camera,
        image.Status.ToString().ToLowerInvariant(),
        view.FailureReasonOf(image),
        image.Modified,
        ImageUrls.Thumbnail(image),
        ImageUrls.Original(image),
        ImageUrls.Similar(image.Id),
        view.SourceNameOf(image));

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
        [.. progress.LastErrors.Select(ToDto)])
    {
        Deleted = progress.Deleted,
        LastRun = progress.LastRun?.ToDto(),
    };

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
        source.Added)
    {
        LastScanned = source.LastScanned,
    };
}
