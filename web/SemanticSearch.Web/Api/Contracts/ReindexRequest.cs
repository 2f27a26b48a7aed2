namespace SemanticSearch.Web.Api.Contracts;

/// <summary>Optional body of <c>POST /api/admin/reindex</c> (the <c>mode</c> query parameter works too).</summary>
/// <param name="Mode">incremental (default) or full.</param>
public sealed record ReindexRequest(string? Mode);
