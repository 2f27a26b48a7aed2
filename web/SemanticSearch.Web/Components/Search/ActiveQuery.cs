namespace SemanticSearch.Web.Components.Search;

/// <summary>The query the search page is showing results for.</summary>
/// <param name="Text">Text or weighted expression.</param>
/// <param name="SimilarTo">Image id for "more like this".</param>
/// <param name="Image">Bytes of a dropped, pasted or chosen image.</param>
/// <param name="ImageName">File name of <paramref name="Image"/>.</param>
/// <param name="PreviewUrl">A data URL of a small preview of <paramref name="Image"/>.</param>
public sealed record ActiveQuery(
    string? Text = null,
    long? SimilarTo = null,
    byte[]? Image = null,
    string? ImageName = null,
    string? PreviewUrl = null)
{
    /// <summary>Id of <see cref="Image"/> in the query image store, when it is kept there (its search is a link).</summary>
    public string? ImageId { get; init; }

    /// <summary>text, image or similar (the metrics tag).</summary>
    public string Kind => Image is not null ? "image" : SimilarTo is not null ? "similar" : "text";
}
