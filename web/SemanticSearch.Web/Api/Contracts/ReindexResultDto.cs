namespace SemanticSearch.Web.Api.Contracts;

/// <summary>What a reindex request did.</summary>
/// <param name="Started">False when a run was already going and the request joined it.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Mode">Mode of the run now in progress.</param>
public sealed record ReindexResultDto(bool Started, string Message, string Mode);
