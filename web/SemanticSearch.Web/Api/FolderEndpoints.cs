using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary><c>GET /api/search/folders</c>: the folders the search can be restricted to, with their image counts.</summary>
public static class FolderEndpoints
{
    /// <summary>Maps the folder list into the search group (same access and rate limit as searching).</summary>
    public static RouteGroupBuilder MapFolderList(this RouteGroupBuilder group)
    {
        group.MapGet("/folders", ListAsync)
            .WithName("SearchFolders")
            .WithSummary("Folders to filter by")
            .WithDescription($"Folders holding indexed images, most images first (at most {FolderScope.MaxFolders}), relative to their source; " +
                             "pass source and folder to /api/search.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<FolderDto>>> ListAsync(ICatalogReader catalog, CancellationToken cancellationToken)
    {
        // A grouped scan of the catalog: off the request thread, and limited.
        var (folders, sources) = await Task.Run(() => (catalog.GetFolders(FolderScope.MaxFolders), catalog.GetSources().ToDictionary(s => s.Id)), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FolderDto>>(FolderScope.Describe(folders, sources.GetValueOrDefault));
    }
}
