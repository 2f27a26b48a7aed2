using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Web.Administration;

/// <summary>
/// Adds and removes sources for the admin API and page, then starts an incremental scan so the change shows up in
/// search without another click.
/// </summary>
public sealed class SourceAdministration(
    ICatalogStore catalog,
    ICatalogWriter writer,
    IReindexService reindex,
    ILogger<SourceAdministration> logger)
{
    /// <summary>Every source, by id.</summary>
    public IReadOnlyList<CatalogSource> List() => catalog.GetSources();

    /// <summary>Every source with its image counts and last scan.</summary>
    public IReadOnlyList<SourceOverview> Overview()
    {
        var counts = catalog.GetSourceImageCounts();
        return [.. catalog.GetSources().Select(s => new SourceOverview(s, counts.GetValueOrDefault(s.Id) ?? new SourceImageCounts(0, 0, 0)))];
    }

    /// <summary>
    /// Adds a folder (which must exist on the server) or an http(s) URL. Returns the stored source, or null and a
    /// reason a person can act on.
    /// </summary>
    public CatalogSource? Add(string? location, bool watch, int maxDepth, out string? error)
    {
        error = null;
        if (maxDepth is < 0 or > 10)
        {
            error = "The link depth must be from 0 to 10.";
            return null;
        }
        // Folders are read on the server: relative paths resolve there, and the folder must exist there.
        if (!SourceLocation.TryParse(location, out var parsed, out error))
            return null;
        var source = parsed.Kind == SourceKind.Web ? parsed with { MaxDepth = maxDepth } : parsed with { Watch = watch };

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
        var changes = writer.RemoveSource(id);
        logger.LogInformation("Admin removed source {SourceId} ({Location}); {Removed} vectors left the index",
            id, source.Location, changes.Changes.Count);
        return true;
    }
}
