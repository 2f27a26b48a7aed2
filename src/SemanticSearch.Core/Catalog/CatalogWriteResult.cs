namespace SemanticSearch.Core.Catalog;

/// <summary>
/// The outcome of one catalog write: the change sequence before and after it, and the vector index changes it implies.
/// <see cref="ICatalogWriter"/> applies it to the index as part of the write.
/// </summary>
/// <param name="PreviousSequence">The catalog's change sequence before this write.</param>
/// <param name="Sequence">The change sequence of this write (equal to PreviousSequence when nothing changed).</param>
/// <param name="Changes">Vector additions and removals, at most one per key.</param>
/// <param name="IndexedIds">The ids of <see cref="CatalogBatch.Indexed"/>, in the same order (empty for other writes).</param>
public sealed record CatalogWriteResult(
    long PreviousSequence,
    long Sequence,
    IReadOnlyList<VectorChange> Changes,
    IReadOnlyList<long> IndexedIds)
{
    /// <summary>
    /// Images whose source or location changed while their vector stayed (moves): not index changes, but the index's
    /// filter fields must follow them.
    /// </summary>
    public IReadOnlyList<long> MovedIds { get; init; } = [];

    /// <summary>A write that changed nothing at <paramref name="sequence"/>.</summary>
    public static CatalogWriteResult Unchanged(long sequence) => new(sequence, sequence, [], []);
}
