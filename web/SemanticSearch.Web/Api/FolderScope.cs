using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary>
/// The folder filter as people see it: a folder relative to its source (what the folder list offers), turned into the
/// absolute prefix the engine filters by. An absolute path or URL prefix is kept as it is.
/// </summary>
public static class FolderScope
{
    /// <summary>Most folders offered (the catalog query is limited to this many).</summary>
    public const int MaxFolders = 500;

    /// <summary>Longest <c>folder</c> value accepted.</summary>
    public const int MaxLength = 1024;

    /// <summary>The folders of <paramref name="folders"/> as the filter offers them; folders not under their source are left out.</summary>
    public static List<FolderDto> Describe(IEnumerable<CatalogFolder> folders, Func<long, CatalogSource?> sourceOf)
    {
        var described = new List<FolderDto>();
        foreach (var folder in folders)
        {
            var source = sourceOf(folder.SourceId);
            if (source is null)
                continue;
            if (source.Kind == SourceKind.Web)
            {
                described.Add(new FolderDto(source.Id, SourceDisplay.NameOf(source), folder.Location, folder.Count));
                continue;
            }
            var root = RootOf(source);
            if (folder.Location.StartsWith(root, StringComparison.Ordinal))
                described.Add(new FolderDto(source.Id, SourceDisplay.NameOf(source), folder.Location[root.Length..].TrimEnd('/'), folder.Count));
        }
        return described;
    }

    /// <summary>
    /// <paramref name="filter"/> with a relative folder made absolute under its source; false and a reason when a
    /// relative folder has no folder source to be relative to, or when a server path is given by someone who may not
    /// see server paths (it would tell them which folders exist on the server).
    /// </summary>
    public static bool TryResolve(SearchFilter filter, CatalogSource? source, bool allowServerPaths, out SearchFilter resolved, out string? error)
    {
        resolved = filter;
        error = null;
        var folder = filter.FolderPrefix;
        if (folder is not null && folder.StartsWith('/') && !allowServerPaths)
        {
            error = "folder must be relative to its source, with the source id as source= (GET /api/search/folders lists both); server paths are for admins.";
            return false;
        }
        if (folder is null || IsAbsolute(folder))
            return true;
        if (filter.SourceId is null || source is not { Kind: SourceKind.Folder } || source.Id != filter.SourceId)
        {
            error = filter.SourceId is null
                ? $"folder '{Shorten(folder)}' is relative to a source: give the source id as source= too (GET /api/search/folders lists both)."
                : $"folder '{Shorten(folder)}' is relative, but source {filter.SourceId} is not a folder source.";
            return false;
        }
        var relative = folder.Trim('/');
        resolved = filter with { FolderPrefix = RootOf(source) + (relative.Length == 0 ? "" : relative + "/") };
        return true;
    }

    private static string RootOf(CatalogSource source) => source.Location.TrimEnd('/') + "/";

    private static bool IsAbsolute(string folder) =>
        folder.StartsWith('/') || folder.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || folder.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
