using System.Numerics.Tensors;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Tests.Scale;

/// <summary>Brute-force top-k over the rows a test still holds: what every search is compared with.</summary>
internal static class ExactNeighbours
{
    public static long[] Of(float[] query, IReadOnlyDictionary<long, EmbeddedImage> rows, SearchFilter filter, long exclude, int k) =>
        rows.Where(r => r.Key != exclude && Accepts(filter, r.Value))
            .Select(r => (r.Key, Score: TensorPrimitives.Dot(query, r.Value.Embedding)))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Key)
            .Take(k).Select(r => r.Key).ToArray();

    /// <summary>The filter's meaning, written out independently of the product's own evaluation.</summary>
    public static bool Accepts(SearchFilter filter, EmbeddedImage image) =>
        (filter.FolderPrefix is null || image.Location.StartsWith(filter.FolderPrefix, StringComparison.Ordinal))
        && (filter.Format is null || image.Format == filter.Format)
        && (filter.TakenFrom is null || image.DateTaken >= filter.TakenFrom)
        && (filter.TakenTo is null || image.DateTaken < filter.TakenTo);
}
