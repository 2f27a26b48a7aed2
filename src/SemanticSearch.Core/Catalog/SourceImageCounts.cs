namespace SemanticSearch.Core.Catalog;

/// <summary>How many of a source's images are indexed, waiting and failed (tombstones not counted).</summary>
public sealed record SourceImageCounts(long Indexed, long Pending, long Failed)
{
    /// <summary>Every image the source has in the catalog.</summary>
    public long Total => Indexed + Pending + Failed;
}
