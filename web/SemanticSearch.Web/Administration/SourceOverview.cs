using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Web.Administration;

/// <summary>A source with how many images it has, for the admin page and <c>GET /api/admin/sources</c>.</summary>
public sealed record SourceOverview(CatalogSource Source, SourceImageCounts Images);
