namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A folder to filter by, as anyone may see it: relative to its source, never a server path.</summary>
/// <param name="SourceId">The source id (the <c>source</c> parameter that goes with <c>folder</c>).</param>
/// <param name="Source">Display name of the source.</param>
/// <param name="Folder">
/// The <c>folder</c> parameter: the path relative to the source ("" for its top folder), or a web folder's URL.
/// </param>
/// <param name="Count">Indexed images directly in the folder.</param>
public sealed record FolderDto(long SourceId, string Source, string Folder, int Count);
