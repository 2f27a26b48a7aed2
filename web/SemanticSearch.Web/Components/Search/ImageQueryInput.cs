namespace SemanticSearch.Web.Components.Search;

/// <summary>An image chosen, dropped or pasted as a query.</summary>
/// <param name="Data">The file's bytes (not trusted: the decoder sniffs the format).</param>
/// <param name="Name">The file name the browser gave.</param>
public sealed record ImageQueryInput(byte[] Data, string Name);
