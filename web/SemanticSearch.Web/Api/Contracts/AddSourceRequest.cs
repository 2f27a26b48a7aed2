namespace SemanticSearch.Web.Api.Contracts;

/// <summary>Body of <c>POST /api/admin/sources</c>.</summary>
/// <param name="Location">An existing folder on the server, or an http(s) URL.</param>
/// <param name="Watch">Folders: watch for changes.</param>
/// <param name="MaxDepth">Web: link depth to follow (0 = the page itself).</param>
public sealed record AddSourceRequest(string? Location, bool Watch = false, int MaxDepth = 0);
