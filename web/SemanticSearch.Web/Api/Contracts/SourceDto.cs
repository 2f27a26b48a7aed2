namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A crawled source.</summary>
/// <param name="Id">Catalog id.</param>
/// <param name="Kind">folder or web.</param>
/// <param name="Location">Folder path or URL.</param>
/// <param name="Enabled">Disabled sources are kept but not scanned.</param>
/// <param name="Watch">Folders: watched for changes.</param>
/// <param name="MaxDepth">Web: link depth followed.</param>
/// <param name="Added">When it was added.</param>
public sealed record SourceDto(long Id, string Kind, string Location, bool Enabled, bool Watch, int MaxDepth, DateTimeOffset Added);
