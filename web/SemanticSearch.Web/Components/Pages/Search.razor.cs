using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.Hosting;

namespace SemanticSearch.Web.Components.Pages;

/// <summary>
/// The search page. Queries live in the URL (<c>/?q=</c>, <c>/?similar=</c>, <c>/?image=&lt;id&gt;&amp;q=</c>) so
/// results can be shared and the back button works; a query image is kept in the query image store under its id.
/// </summary>
public sealed partial class Search : IDisposable
{
    private readonly List<SearchHit> _hits = [];
    private readonly HashSet<long> _shownIds = [];
    private ActiveQuery? _active;
    private SearchViewState _state = SearchViewState.Idle;
    private string? _error;
    private string? _inputError;
    private TimeSpan _took;
    private bool _hasMore;
    private bool _weakMatch;
    private bool _loadingMore;
    private int? _viewer;
    private bool _viewerInHistory;
    private string? _similarName;
    private CancellationTokenSource? _running;
    private (string? Text, string? Similar, string? Image)? _urlQuery;
    private string? _language;
    private string? _languageNote;

    [Inject] private InstrumentedSearch SearchService { get; set; } = default!;
    [Inject] private ICatalogReader Catalog { get; set; } = default!;
    [Inject] private IReindexService Reindex { get; set; } = default!;
    [Inject] private QueryImagePreview Preview { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IOptions<WebOptions> Options { get; set; } = default!;
    [Inject] private IOptions<SearchOptions> SearchLimits { get; set; } = default!;
    [Inject] private ILogger<Search> Logger { get; set; } = default!;
    [Inject] private SearchAdmission Admission { get; set; } = default!;
    [Inject] private SearchClient Client { get; set; } = default!;

    /// <summary>The request while prerendering (its status tells clients what went wrong); null over the circuit.</summary>
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    /// <summary>Text query from the URL.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    /// <summary>Image id of a "more like this" query from the URL; a string, so a bad id gets a message, not a 500.</summary>
    [SupplyParameterFromQuery(Name = "similar")]
    public string? Similar { get; set; }

    /// <summary>Id of a stored query image from the URL; text in <see cref="Q"/> is added to it.</summary>
    [SupplyParameterFromQuery(Name = "image")]
    public string? Image { get; set; }

    /// <summary>Marks the history entry an open viewer adds, so Back closes the viewer instead of leaving the page.</summary>
    private const string ViewerFragment = "#viewer";

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Navigation.LocationChanged += OnLocationChanged;
        PersistAfterPrerendering();
    }

    // Any change to a location without the viewer's fragment while it is open is Back (or a link leaving it): the
    // viewer's history entry is gone. (In the browser Blazor does not even report the push of a same-page fragment.)
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() =>
    {
        if (e.Location.EndsWith(ViewerFragment, StringComparison.Ordinal))
            return;
        _viewerInHistory = false;
        if (_viewer is null)
            return;
        _viewer = null;
        StateHasChanged();
    });

    private string Title => _active switch
    {
        { Image: not null, Text: { } words } => $"Image + {words} · SemanticSearch",
        { Image: not null } => "Image search · SemanticSearch",
        { SimilarTo: not null } => "More like this · SemanticSearch",
        { Text: { } text } => $"{text} · SemanticSearch",
        _ => "SemanticSearch",
    };

    private string Description => _active switch
    {
        { Image: not null, Text: { } words } => $"your image + “{words}”",
        { Image: not null } => "your image",
        { SimilarTo: not null } => $"images like {_similarName}",
        { Text: { } text } => $"“{text}”",
        _ => "",
    };

    private string? IndexingNote => Reindex.Progress is { State: not CrawlState.Idle } p
        ? $"Indexing is running ({p.Processed}{(p.ToProcess is { } total ? $" of {total}" : "")} done); more results may appear."
        : null;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _language ??= await BrowserLanguage.ReadAsync(JS, HttpContext);
        var text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        var similar = string.IsNullOrWhiteSpace(Similar) ? null : Similar.Trim();
        var image = string.IsNullOrWhiteSpace(Image) ? null : Image.Trim();
        var urlQuery = (text, similar, image);
        var filtersChanged = ReadFilters(out var filterError);
        if (filterError is not null)
        {
            _urlQuery = null;
            Refuse(StatusCodes.Status400BadRequest, filterError);
            return;
        }
        if (_urlQuery == urlQuery)
        {
            // Only the filters changed: the same query again, an image one included.
            if (filtersChanged && _active is not null)
                await StartAsync(_active);
            return;
        }
        _urlQuery = urlQuery;
        if (await TryRestoreAsync(urlQuery))
            return;
        if (text is { Length: var length } && length > SearchLimits.Value.MaxQueryLength)
            Refuse(StatusCodes.Status400BadRequest, $"The query is {length} characters long; the limit is {SearchLimits.Value.MaxQueryLength}.");
        else if (image is not null)
            await StartImageAsync(image, text, urlQuery);
        else if (text is not null)
            await StartAsync(new ActiveQuery(Text: text));
        else if (similar is null)
            Reset();
        else if (long.TryParse(similar, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            await StartAsync(new ActiveQuery(SimilarTo: id));
        else
            Refuse(StatusCodes.Status400BadRequest, $"“{Shorten(similar)}” is not an image id: “more like this” links look like /?similar=42.");
    }

    private Task OnTextSearchAsync(SearchRequest request)
    {
        var text = request.Text.Trim();
        if (_active is { Image: not null } imageQuery)
            return AddWordsToImageAsync(imageQuery, text);
        if (text.Length == 0)
            return ClearAsync();
        if (text == _urlQuery?.Text)
            return Task.CompletedTask;
        // Each settled query (a pause in typing or Enter, never a keystroke) is its own history entry, so Back returns to it.
        Navigation.NavigateTo("/?q=" + Uri.EscapeDataString(text) + _filters.QuerySuffix);
        return Task.CompletedTask;
    }

    private async Task OnImageAsync(ImageQueryInput input)
    {
        string preview;
        try
        {
            // Decoding here gives a clear message for a non-image before any search runs.
            preview = await Preview.CreateDataUrlAsync(input.Data);
        }
        catch (ImageDecodeException e)
        {
            ShowError(DescribeUnusableImage(input.Name, e));
            return;
        }
        catch (SearchBusyException e)
        {
            ShowError(e.Message);
            return;
        }
        // Words already searched for stay, next to the image.
        var words = _active?.Text ?? _urlQuery?.Text;
        if (await KeepImageAsync(input, preview, words))
            return;
        if (_urlQuery is not (null, null, null))
        {
            // The URL no longer describes what is shown; marking it handled keeps the navigation from clearing the results.
            _urlQuery = (null, null, null);
            Navigation.NavigateTo(FilteredHome);
        }
        await StartAsync(new ActiveQuery(Text: words, Image: input.Data, ImageName: input.Name, PreviewUrl: preview));
    }

    private async Task StartAsync(ActiveQuery query)
    {
        Show(SearchViewState.Loading, query, error: null);
        if (query.SimilarTo is { } id)
            _similarName = Catalog.GetImage(id) is { } image ? ImageText.Name(image) : $"image {id}";
        StateHasChanged();
        await LoadPageAsync(0);
    }

    private async Task LoadMoreAsync()
    {
        if (_loadingMore || !_hasMore || _active is null)
            return;
        _loadingMore = true;
        await LoadPageAsync(_hits.Count);
    }

    private async Task LoadPageAsync(int offset)
    {
        var query = _active!;
        var cancellation = _running = new CancellationTokenSource();
        try
        {
            // The same per-client limit as the API: a page or circuit is no way around it.
            using (var lease = await Admission.AcquireAsync(Client.Key, cancellation.Token))
            {
                if (!lease.IsAcquired)
                {
                    Refuse(StatusCodes.Status429TooManyRequests, query,
                        $"Too many searches from your address; wait {SearchAdmission.RetryAfterSeconds(lease)} s and try again.");
                    return;
                }
            }
            var response = await SearchService.SearchAsync(ToSearchQuery(query, offset), query.Kind, cancellation.Token);
            if (cancellation.IsCancellationRequested || !ReferenceEquals(query, _active))
                return;
            foreach (var hit in response.Results)
            {
                if (_shownIds.Add(hit.Image.Id))
                    _hits.Add(hit);
            }
            // The last page stops at the depth limit instead of asking past it (which the search refuses).
            _hasMore = response.HasMore && response.Results.Count > 0 && offset + response.Results.Count < SearchLimits.Value.MaxDepth;
            if (offset == 0)
            {
                _took = response.Took;
                _weakMatch = response.WeakMatch;
                _languageNote = response.LanguageNote;
            }
            _hiddenDuplicates = response.HiddenDuplicates;
            _state = _hits.Count == 0 ? SearchViewState.Empty : SearchViewState.Results;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer query replaced this one.
        }
        catch (SearchQueryException e)
        {
            Refuse(e.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, query, e.Message);
        }
        catch (ImageDecodeException e)
        {
            Show(SearchViewState.Error, query, DescribeUnusableImage(query.ImageName ?? "The image", e));
        }
        catch (SearchUnavailableException e)
        {
            Show(SearchViewState.Error, query, e.Message);
        }
        catch (SearchBusyException e)
        {
            Show(SearchViewState.Error, query, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Logger.LogError(e, "{Kind} search failed in the UI", query.Kind);
            Show(SearchViewState.Error, query, "The search failed on the server; the error was logged.");
        }
        finally
        {
            _loadingMore = false;
        }
    }

    private SearchQuery ToSearchQuery(ActiveQuery query, int offset) => WithFilters(new()
    {
        Text = query.Text,
        Language = string.IsNullOrEmpty(_language) ? null : _language,
        SimilarTo = query.SimilarTo,
        // A null byte[] would convert to an empty (but present) ReadOnlyMemory: an "empty image" query.
        Image = query.Image is { } image ? (ReadOnlyMemory<byte>?)image : null,
        Limit = Math.Clamp(SearchLimits.Value.MaxDepth - offset, 1, Options.Value.DefaultResults),
        Offset = offset,
    });

    /// <summary>
    /// An input that could not become a query (a dropped non-image, a file too large): nothing is searched, and results
    /// already shown stay, since the URL still describes them.
    /// </summary>
    private void ShowError(string message)
    {
        if (_state is SearchViewState.Results or SearchViewState.Empty)
            _inputError = message;
        else
            Show(SearchViewState.Error, query: null, message);
    }

    private static string DescribeUnusableImage(string name, ImageDecodeException e) => e.Kind switch
    {
        ImageErrorKind.NotAnImage => $"“{name}” is not an image. Drop, paste or choose a JPEG, PNG, GIF, WebP or BMP file.",
        ImageErrorKind.UnsupportedFormat => $"“{name}” is in an image format that cannot be searched with: {e.Message}",
        ImageErrorKind.Empty => $"“{name}” is empty.",
        _ => $"“{name}” cannot be used: {e.Message}",
    };

    private Task ClearAsync()
    {
        Reset();
        if (_urlQuery is not (null, null, null))
        {
            _urlQuery = (null, null, null);
            Navigation.NavigateTo("/");
        }
        return Task.CompletedTask;
    }

    /// <summary>Shows why the query was not answered; while prerendering, the response status says it too.</summary>
    private void Refuse(int status, ActiveQuery? query, string message)
    {
        Show(SearchViewState.Error, query, message);
        if (HttpContext is { Response.HasStarted: false } http)
            http.Response.StatusCode = status;
    }

    private void Refuse(int status, string message) => Refuse(status, query: null, message);

    /// <summary>Long URL values are cut in messages, so the page stays readable.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "…");

    private void Reset() => Show(SearchViewState.Idle, query: null, error: null);

    /// <summary>Stops what runs and starts over from an empty result list in <paramref name="state"/>.</summary>
    private void Show(SearchViewState state, ActiveQuery? query, string? error)
    {
        CancelRunning();
        _active = query;
        _hits.Clear();
        _shownIds.Clear();
        _viewer = null;
        _hasMore = false;
        _weakMatch = false;
        _error = error;
        _inputError = null;
        _state = state;
    }

    private void Open(int index)
    {
        _viewer = index;
        if (_viewerInHistory)
            return;
        _viewerInHistory = true;
        Navigation.NavigateTo(Navigation.Uri.Split('#')[0] + ViewerFragment);
    }

    private void Step(int delta)
    {
        if (_viewer is int index && index + delta >= 0 && index + delta < _hits.Count)
            _viewer = index + delta;
    }

    // The similar search takes the place of the viewer's history entry, so Back returns to the results it came from
    // rather than to a closed viewer's fragment.
    private void MoreLikeThis(string url)
    {
        var replace = _viewerInHistory;
        _viewerInHistory = false;
        _viewer = null;
        Navigation.NavigateTo(url, replace: replace);
    }

    private async Task CloseViewerAsync()
    {
        if (_viewer is not int index || index >= _hits.Count)
            return;
        _viewer = null;
        // Closing takes back the history entry opening added.
        if (_viewerInHistory)
        {
            _viewerInHistory = false;
            await JS.InvokeVoidAsync("semsearch.back");
        }
        // Focus goes back to the tile that was open, so keyboard users keep their place.
        await JS.InvokeVoidAsync("semsearch.focusTile", _hits[index].Image.Id);
    }

    private void CancelRunning()
    {
        _running?.Cancel();
        _running?.Dispose();
        _running = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _persisting?.Dispose();
        CancelRunning();
    }
}
