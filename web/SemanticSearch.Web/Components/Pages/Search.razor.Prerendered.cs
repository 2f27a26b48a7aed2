using System.Text.Json;
using Microsoft.AspNetCore.Components;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.QueryImages;

namespace SemanticSearch.Web.Components.Pages;

/// <summary>
/// The prerendered results travel to the circuit (<see cref="PersistentComponentState"/>): a shared link is searched
/// once, and charged once against the client's search rate, instead of again when the page becomes interactive. Only
/// ids and scores travel (the browser returns the state in a size-limited SignalR message); the circuit reads the rows
/// back from the catalog and remakes an image query's small preview.
/// </summary>
public sealed partial class Search
{
    private PersistingComponentStateSubscription? _persisting;

    [Inject] private PersistentComponentState PageState { get; set; } = default!;

    private void PersistAfterPrerendering() => _persisting = PageState.RegisterOnPersisting(PersistAsync);

    private Task PersistAsync()
    {
        if (_urlQuery is not { } url || _state == SearchViewState.Loading)
            return Task.CompletedTask;
        var state = new PrerenderedSearch
        {
            Text = url.Text,
            Similar = url.Similar,
            ImageId = url.Image,
            HasQuery = _active is not null,
            State = _state,
            Error = _error,
            Hits = [.. _hits.Select(hit => new PrerenderedHit(hit.Image.Id, hit.Score))],
            HasMore = _hasMore,
            TookMs = _took.TotalMilliseconds,
            WeakMatch = _weakMatch,
            LanguageNote = _languageNote,
            Filters = _filters.QuerySuffix,
            HiddenDuplicates = _hiddenDuplicates,
            SimilarTo = _active?.SimilarTo,
            SimilarName = _similarName,
            ImageName = _active?.ImageName,
        };
        // Too large a state would keep the circuit from starting at all; searching again is the lesser cost.
        if (JsonSerializer.SerializeToUtf8Bytes(state).Length <= PrerenderedSearch.MaxBytes)
            PageState.PersistAsJson(PrerenderedSearch.Key, state);
        return Task.CompletedTask;
    }

    /// <summary>Shows what the prerender found for <paramref name="url"/>, if it handed that over; false otherwise.</summary>
    private async Task<bool> TryRestoreAsync((string? Text, string? Similar, string? Image) url)
    {
        if (!PageState.TryTakeFromJson<PrerenderedSearch>(PrerenderedSearch.Key, out var saved)
            || saved is null || !saved.Answers(url.Text, url.Similar, url.Image) || saved.Filters != _filters.QuerySuffix)
            return false;
        byte[]? image = null;
        string? preview = null;
        if (saved is { HasQuery: true, ImageId: { } id } && QueryImageId.IsValid(id))
        {
            // Kept for the next page of results; gone only if it expired since the prerender, and then searching again says so.
            image = await ImageStore.LoadAsync(id, CancellationToken.None);
            if (image is null || (preview = await TryPreviewAsync(image)) is null)
                return false;
        }
        var ids = saved.Hits.Select(hit => hit.Id).ToArray();
        var rows = ids.Length == 0 ? new Dictionary<long, CatalogImage>() : await Task.Run(() => Catalog.GetImages(ids));
        if (_urlQuery != url)
            return true; // a newer address took over while this read; it starts its own query
        var query = saved.HasQuery
            ? new ActiveQuery(url.Text, saved.SimilarTo, image, saved.ImageName, preview) { ImageId = url.Image }
            : null;
        Show(saved.State, query, saved.Error);
        _similarName = saved.SimilarName;
        foreach (var hit in saved.Hits)
        {
            if (rows.TryGetValue(hit.Id, out var row) && _shownIds.Add(hit.Id))
                _hits.Add(new SearchHit(row, hit.Score));
        }
        _hasMore = saved.HasMore;
        _took = TimeSpan.FromMilliseconds(saved.TookMs);
        _weakMatch = saved.WeakMatch;
        _languageNote = saved.LanguageNote;
        _hiddenDuplicates = saved.HiddenDuplicates;
        return true;
    }

    private async Task<string?> TryPreviewAsync(byte[] image)
    {
        try
        {
            return await Preview.CreateDataUrlAsync(image);
        }
        catch (Exception e) when (e is ImageDecodeException or SearchBusyException)
        {
            return null; // searching again gives the reason
        }
    }
}
