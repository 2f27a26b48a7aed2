namespace SemanticSearch.Web.Components.Search;

/// <summary>
/// An image dropped, pasted or chosen in this page, kept while its <c>/?image=</c> link is being opened, so the bytes
/// are not read back and the preview not made twice.
/// </summary>
/// <param name="Id">Its id in the query image store.</param>
/// <param name="Data">The bytes.</param>
/// <param name="Name">The file name the browser gave.</param>
/// <param name="PreviewUrl">A data URL of its preview.</param>
public sealed record PickedImage(string Id, byte[] Data, string Name, string PreviewUrl);
