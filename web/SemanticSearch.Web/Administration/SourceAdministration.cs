using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Index;

namespace SemanticSearch.Web.Administration;

/// <summary>
/// Adds and removes sources for the admin API and page, then starts an incremental scan so the change shows up in
/// search without another click.
/// </summary>
public sealed class SourceAdministration(
    ICatalogStore catalog,
    IVectorIndexStore indexStore,
    IReindexService reindex,
    ILogger<SourceAdministration> logger)
{
    /// <summary>Every source, by id.</summary>
    public IReadOnlyList<CatalogSource> List() => catalog.GetSources();

    /// <summary>
    /// Adds a folder (which must exist on the server) or an http(s) URL. Returns the stored source, or null and a
    /// reason a person can act on.
    /// </summary>
    public CatalogSource? Add(string? location, bool watch, int maxDepth, out string? error)
    {
        error = null;
        location = location?.Trim();
        if (string.IsNullOrEmpty(location))
        {
            error = "Give a folder path on the server or an http(s) URL.";
            return null;
        }
        if (maxDepth is < 0 or > 10)
        {
            error = "The link depth must be from 0 to 10.";
            return null;
        }

        CatalogSource source;
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            if (uri.Scheme is not ("http" or "https"))
            {
                error = $"Only http and https web sources are supported (was {uri.Scheme}).";
                return null;
            }
            source = new CatalogSource { Kind = SourceKind.Web, Location = uri.AbsoluteUri, MaxDepth = maxDepth };
        }
        else
        {
            var folder = AppPaths.Resolve(location);
            if (!Directory.Exists(folder))
            {
                error = $"The folder '{folder}' does not exist on the server.";
                return null;
            }
            source = new CatalogSource { Kind = SourceKind.Folder, Location = folder, Watch = watch };
        }

        var stored = catalog.AddSource(source);
        logger.LogInformation("Admin added {Kind} source {SourceId}: {Location}", stored.Kind, stored.Id, stored.Location);
        reindex.Start(ReindexMode.Incremental);
        return stored;
    }

    /// <summary>Removes a source; its images leave the index at once. False for an unknown id.</summary>
    public bool Remove(long id)
    {
        var source = catalog.GetSource(id);
        if (source is null)
            return false;
        var changes = catalog.RemoveSource(id);
        indexStore.Apply(changes);
        logger.LogInformation("Admin removed source {SourceId} ({Location}); {Removed} vectors left the index",
            id, source.Location, changes.Changes.Count);
        return true;
    }
}
