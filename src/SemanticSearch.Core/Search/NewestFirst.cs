namespace SemanticSearch.Core.Search;

/// <summary>Orders hits for <see cref="SearchSort.Date"/>.</summary>
public static class NewestFirst
{
    /// <summary>
    /// Dated images first, newest date taken first; then by modification time, newest first. The sort is stable, so
    /// images that tie keep their relevance order.
    /// </summary>
    public static List<SearchHit> Order(IEnumerable<SearchHit> hits) =>
    [
        .. hits.OrderBy(h => h.Image.DateTaken is null)
            .ThenByDescending(h => h.Image.DateTaken)
            .ThenByDescending(h => h.Image.Modified),
    ];
}
