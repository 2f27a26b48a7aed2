using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Index;
using SemanticSearch.Web.Api;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Diagnostics;

namespace SemanticSearch.Web.Administration;

/// <summary>Builds the status snapshot shared by <c>GET /api/status</c> and the admin page.</summary>
public sealed class StatusReport(ICatalogStore catalog, IVectorIndex index, IReindexService reindex, ModelAvailability model)
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
            stats.Model?.ModelId ?? modelState.ModelId,
            modelState.Available,
            modelState.Problem,
            reindex.Progress.ToDto()) { ModelVariant = modelState.Variant };
    }

    /// <summary>The catalog's full statistics (for the admin page).</summary>
    public CatalogStats ReadCatalogStats() => catalog.GetStats();

    /// <summary>The most recent failures stored in the catalog, newest first.</summary>
    public IReadOnlyList<CatalogImage> RecentFailures(int limit) => catalog.GetRecentFailures(limit);
}
