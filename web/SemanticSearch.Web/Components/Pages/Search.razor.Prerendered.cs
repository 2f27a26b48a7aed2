using Microsoft.AspNetCore.Components;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.QueryImages;

namespace SemanticSearch.Web.Components.Pages;

/// <summary>
/// The prerendered results travel to the circuit (<see cref="PersistentComponentState"/>): a shared link is searched
/// once, and charged once against the client's search rate, instead of again when the page becomes interactive.
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
        PageState.PersistAsJson(PrerenderedSearch.Key, new PrerenderedSearch
        {
            Text = url.Text,
            Similar = url.Similar,
            ImageId = url.Image,
            HasQuery = _active is not null,
            State = _state,
            Error = _error,
            Hits = [.. _hits],
            HasMore = _hasMore,
            TookMs = _took.TotalMilliseconds,
            SimilarTo = _active?.SimilarTo,
            SimilarName = _similarName,
            ImageName = _active?.ImageName,
            PreviewUrl = _active?.PreviewUrl,
        });
        return Task.CompletedTask;
    }

    /// <summary>Shows what the prerender found for <paramref name="url"/>, if it handed that over; false otherwise.</summary>
    private async Task<bool> TryRestoreAsync((string? Text, string? Similar, string? Image) url)
    {
        if (!PageState.TryTakeFromJson<PrerenderedSearch>(PrerenderedSearch.Key, out var saved)
            || saved is null || !saved.Answers(url.Text, url.Similar, url.Image))
            return false;
        byte[]? image = null;
        if (saved is { HasQuery: true, ImageId: { } id } && QueryImageId.IsValid(id))
        {
            // Kept for the next page of results; gone only if it expired since the prerender, and then searching again says so.
            image = await ImageStore.LoadAsync(id, CancellationToken.None);
            if (image is null)
                return false;
        }
        var query = saved.HasQuery
            ? new ActiveQuery(url.Text, saved.SimilarTo, image, saved.ImageName, saved.PreviewUrl) { ImageId = url.Image }
            : null;
        Show(saved.State, query, saved.Error);
        _similarName = saved.SimilarName;
        foreach (var hit in saved.Hits)
        {
            if (_shownIds.Add(hit.Image.Id))
                _hits.Add(hit);
        }
        _hasMore = saved.HasMore;
        _took = TimeSpan.FromMilliseconds(saved.TookMs);
        return true;
    }
}
