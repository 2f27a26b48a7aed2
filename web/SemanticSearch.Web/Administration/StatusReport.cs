using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Models;
using SemanticSearch.Web.Api;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Diagnostics;

namespace SemanticSearch.Web.Administration;

/// <summary>Builds the status snapshot shared by <c>GET /api/status</c> and the admin page.</summary>
public sealed class StatusReport(ICatalogReader catalog, IVectorIndex index, IReindexService reindex, ModelAvailability model, IModelService models)
{
    /// <summary>Catalog counts, vectors, model and crawler progress, read now.</summary>
    public StatusDto Read()
    {
        var stats = catalog.GetStats();
        var modelState = model.Current;
        return new StatusDto(
            stats.Indexed,
            stats.Failed,
            stats.Deleted,
            stats.Pending,
            index.Count,
            modelState.ModelId ?? stats.Model?.ModelId,
            modelState.Available,
            modelState.Problem,
            reindex.Progress.ToDto() with { LastRun = LastRun()?.ToDto() }) 
        {
            ModelVariant = modelState.Variant,
            PendingModel = models.Pending is { } pending ? ModelSwitchDto.From(pending) : null,
            ModelChosenByAdmin = (models as Crawler.Models.ModelService)?.ChosenByAdmin ?? false,
        };
    }

    /// <summary>How the latest finished run ended: this process's, else the catalog's runs log (after a restart).</summary>
    public CrawlRunReport? LastRun() => reindex.Progress.LastRun ?? RunLogReport.Latest(catalog.GetRecentRuns(5));

    /// <summary>The catalog's full statistics (for the admin page).</summary>
    public CatalogStats ReadCatalogStats() => catalog.GetStats();

    /// <summary>The most recent failures stored in the catalog, newest first; of one kind when <paramref name="kind"/> is set.</summary>
    public IReadOnlyList<CatalogImage> RecentFailures(int limit, string? kind = null) =>
        kind is null ? catalog.GetRecentFailures(limit) : catalog.GetRecentFailures(limit, kind);
}
