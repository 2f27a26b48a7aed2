namespace SemanticSearch.Web.Api.Contracts;

/// <summary>The answer to <c>DELETE /api/admin/models/{modelId}/vectors</c>.</summary>
public sealed record DeletedVectorsDto(string Model, long Deleted);
