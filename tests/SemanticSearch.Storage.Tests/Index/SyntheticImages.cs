using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Storage.Tests.Index;

/// <summary>
/// Seeded random unit vectors for image ids 1..n with filter fields: every hundredth image in source 2 (the rest in 1),
/// every tenth a png (the rest jpeg), folders /photos/0/ to /photos/9/, dates one day apart from 2020-01-01.
/// </summary>
internal sealed class SyntheticImages
{
    private const int Dim = 64;
    private readonly float[] _vectors;
    private readonly float[] _queries;

    public SyntheticImages(int count, int seed)
    {
        Count = count;
        var generator = new ClusteredVectors(Dim, 40, 0.7f, seed);
        _vectors = generator.Sample(count, seed);
        _queries = generator.Sample(100, seed + 1000);
        Columns = new ImageFilterColumns(prefix => [.. Values.Where(v => v.Value.Location.StartsWith(prefix, StringComparison.Ordinal)).Select(v => v.Key)]);
        for (long id = 1; id <= count; id++)
        {
            Values[id] = ValuesOf(id);
            Columns.Set(id, Values[id]);
        }
    }

    public int Count { get; }

    public Dictionary<long, ImageFilterValues> Values { get; } = [];

    public ImageFilterColumns Columns { get; }

    public static ImageFilterValues ValuesOf(long id) => new(
        SourceId: id % 100 == 0 ? 2 : 1,
        Location: $"/photos/{id % 10 / 1}/img_{id}.{(id % 10 == 0 ? "png" : "jpg")}",
        Format: id % 10 == 0 ? "png" : "jpeg",
        TakenTicks: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(id).UtcTicks);

    public ReadOnlySpan<float> Vector(long id) => _vectors.AsSpan((int)(id - 1) * Dim, Dim);

    public float[] Query(int q) => _queries.AsSpan(q * Dim, Dim).ToArray();

    public UsearchVectorIndex Hnsw(VectorIndexOptions? options = null)
    {
        var index = new UsearchVectorIndex(Dim, options);
        index.AddRange([.. Enumerable.Range(1, Count).Select(i => (long)i)], _vectors);
        return index;
    }

    /// <summary>The reference: brute force over the images the row check accepts, best first.</summary>
    public long[] ExactAnswer(float[] query, int count, SearchFilter filter)
    {
        var conditions = FilterCondition.Of(filter);
        var matching = Values.Where(v => FilterCondition.AllAccept(conditions, v.Value))
            .Select(v => new KeyValuePair<long, float[]>(v.Key, Vector(v.Key).ToArray()));
        return [.. ExactVectorIndex.Rank(query, matching, count).Select(m => m.Key)];
    }
}
