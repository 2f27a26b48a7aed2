using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.QueryImages;

namespace SemanticSearch.Web.Components.Pages;

/// <summary>
/// The search page's query image: kept in the query image store so its search is a link (<c>/?image=&lt;id&gt;&amp;q=</c>),
/// shown as a chip in the search box, with typed words added to it.
/// </summary>
public sealed partial class Search
{
    private PickedImage? _picked;

    [Inject] private QueryImageStore ImageStore { get; set; } = default!;
    [Inject] private IOptions<QueryImageOptions> QueryImageSettings { get; set; } = default!;

    /// <summary>The page address of an image query with optional words.</summary>
    private string ImageUrl(string id, string? words) =>
        (words is null ? $"/?image={id}" : $"/?image={id}&q={Uri.EscapeDataString(words)}") + _filters.QuerySuffix;

    /// <summary>
    /// Keeps a picked image (it passed the preview's decode, within the upload limits) and opens its link; false when
    /// the data folder cannot take it, so the search runs in this page only.
    /// </summary>
    private async Task<bool> KeepImageAsync(ImageQueryInput input, string preview, string? words)
    {
        var id = await ImageStore.SaveAsync(input.Data, CancellationToken.None);
        if (id is null)
            return false;
        _picked = new PickedImage(id, input.Data, input.Name, preview);
        Navigation.NavigateTo(ImageUrl(id, words));
        return true;
    }

    /// <summary>Searches with the stored image <paramref name="id"/> and <paramref name="words"/>, from the URL.</summary>
    private async Task StartImageAsync(string id, string? words, (string?, string?, string?) urlQuery)
    {
        if (!QueryImageId.IsValid(id))
        {
            Refuse(StatusCodes.Status400BadRequest, QueryImageId.Describe(id));
            return;
        }
        var picked = _picked?.Id == id ? _picked : null;
        var data = picked?.Data ?? await ImageStore.LoadAsync(id, CancellationToken.None);
        if (_urlQuery != urlQuery)
            return; // a newer address arrived while the image was read
        if (data is null)
        {
            Refuse(StatusCodes.Status404NotFound,
                $"This image search link has expired: images searched with are kept for {QueryImageSettings.Value.KeepHours} hours. Drop the image again to search with it.");
            return;
        }
        var preview = picked?.PreviewUrl;
        if (preview is null)
        {
            try
            {
                preview = await Preview.CreateDataUrlAsync(data);
            }
            catch (ImageDecodeException e)
            {
                Refuse(StatusCodes.Status400BadRequest, DescribeUnusableImage("The shared image", e));
                return;
            }
            catch (SearchBusyException e)
            {
                Refuse(StatusCodes.Status503ServiceUnavailable, e.Message);
                return;
            }
            if (_urlQuery != urlQuery)
                return;
        }
        await StartAsync(new ActiveQuery(Text: words, Image: data, ImageName: picked?.Name ?? "shared image", PreviewUrl: preview) { ImageId = id });
    }

    /// <summary>Words typed next to the image chip: the image stays, the words are added (none: the image alone).</summary>
    private Task AddWordsToImageAsync(ActiveQuery imageQuery, string text)
    {
        var words = text.Length == 0 ? null : text;
        if (imageQuery.ImageId is not { } id)
            return words == imageQuery.Text ? Task.CompletedTask : StartAsync(imageQuery with { Text = words });
        if (_urlQuery != (words, null, id))
            Navigation.NavigateTo(ImageUrl(id, words));
        return Task.CompletedTask;
    }

    /// <summary>The chip's ✕: back to the words alone, or to an empty page.</summary>
    private Task RemoveImageAsync()
    {
        if (_active?.Text is not { } words)
            return ClearAsync();
        if (_active.ImageId is null)
        {
            // An image only this page held: nothing in the URL to leave.
            return StartAsync(new ActiveQuery(Text: words));
        }
        Navigation.NavigateTo("/?q=" + Uri.EscapeDataString(words) + _filters.QuerySuffix);
        return Task.CompletedTask;
    }
}
