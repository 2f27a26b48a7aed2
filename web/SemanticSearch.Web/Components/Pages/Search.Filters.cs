using Microsoft.AspNetCore.Components;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Api;
using SemanticSearch.Web.Components.Search;

namespace SemanticSearch.Web.Components.Pages;

/// <summary>The search page's filters, sort and near-duplicate choice, all read from and written to the URL.</summary>
public sealed partial class Search
{
    private SearchFilters _filters = SearchFilters.None;
    private SearchFilter _engineFilter = SearchFilter.None;
    private int _hiddenDuplicates;

    /// <summary>Source id filter from the URL.</summary>
    [SupplyParameterFromQuery(Name = "source")]
    public string? SourceParameter { get; set; }

    /// <summary>Folder filter (relative to the source) from the URL.</summary>
    [SupplyParameterFromQuery(Name = "folder")]
    public string? FolderParameter { get; set; }

    /// <summary>Format filter from the URL.</summary>
    [SupplyParameterFromQuery(Name = "format")]
    public string? FormatParameter { get; set; }

    /// <summary>Earliest day taken from the URL.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? FromParameter { get; set; }

    /// <summary>Day taken before which images are shown, from the URL.</summary>
    [SupplyParameterFromQuery(Name = "to")]
    public string? ToParameter { get; set; }

    /// <summary>Minimum score from the URL.</summary>
    [SupplyParameterFromQuery(Name = "minScore")]
    public string? MinScoreParameter { get; set; }

    /// <summary><c>date</c> for newest first.</summary>
    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortParameterValue { get; set; }

    /// <summary><c>1</c> to show near-duplicates.</summary>
    [SupplyParameterFromQuery(Name = "dups")]
    public string? DuplicatesParameter { get; set; }

    /// <summary>Reads the URL's filters; true when they differ from those shown. A value that cannot be used gives <paramref name="error"/>.</summary>
    private bool ReadFilters(out string? error)
    {
        var filters = SearchFilters.Parse(SourceParameter, FolderParameter, FormatParameter, FromParameter, ToParameter,
            MinScoreParameter, SortParameterValue, DuplicatesParameter, out error);
        if (filters is null)
            return false;
        var source = filters.Source is { } id ? Catalog.GetSource(id) : null;
        // The page shows no server paths to anyone, so it takes none either.
        if (!FolderScope.TryResolve(filters.ToFilter(filters.Folder), source, allowServerPaths: false, out var resolved, out error))
            return false;
        var changed = filters != _filters;
        (_filters, _engineFilter) = (filters, resolved);
        return changed;
    }

    private SearchQuery WithFilters(SearchQuery query) => query with
    {
        Filter = _engineFilter,
        MinScore = _filters.MinScore,
        Sort = _filters.Sort,
        HideNearDuplicates = !_filters.ShowDuplicates,
    };

    /// <summary>New filters go into the URL (a history entry, so Back undoes them); the navigation runs the search.</summary>
    private Task OnFiltersChangedAsync(SearchFilters filters)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(Navigation.Uri.Split('#')[0], filters.UrlParameters));
        return Task.CompletedTask;
    }

    private Task OnDuplicatesToggleAsync(bool show) => OnFiltersChangedAsync(_filters with { ShowDuplicates = show });

    /// <summary>"/" with the filters kept, for a query that leaves the URL (an image).</summary>
    private string FilteredHome => _filters.QuerySuffix is { Length: > 0 } suffix ? "/?" + suffix[1..] : "/";
}
