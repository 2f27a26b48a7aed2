namespace SemanticSearch.Web.Components.Search;

/// <summary>A prerendered result by id and score only: the circuit reads the rows back from the catalog.</summary>
/// <param name="Id">Catalog id.</param>
/// <param name="Score">Its score for the query.</param>
public sealed record PrerenderedHit(long Id, float Score);
