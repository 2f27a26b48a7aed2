using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Storage.Tests;

/// <summary>Builders for catalog rows with deterministic vectors.</summary>
internal static class TestData
{
    public const string ModelId = "test-model";
    public const int Dim = 16;

    public static float[] Vector(int seed, int dim = Dim)
    {
        var random = new Random(seed);
        var v = new float[dim];
        for (var i = 0; i < dim; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        VectorMath.NormalizeInPlace(v);
        return v;
    }

    public static EmbeddedImage Image(long sourceId, string location, int seed, string? hash = null, string format = "jpeg",
        DateTimeOffset? taken = null, int dim = Dim) => new()
    {
        SourceId = sourceId,
        Location = location,
        Size = 1000 + seed,
        Modified = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(seed * 12345 + 7),
        ContentHash = hash ?? $"hash-{seed}",
        Width = 640,
        Height = 480,
        Format = format,
        DateTaken = taken,
        Camera = "Test Cam",
        Embedding = Vector(seed, dim),
        ThumbnailPath = $"thumbnails/{seed}.webp",
    };

    public static FailedImage Failure(long sourceId, string location, string kind = "Corrupt") => new()
    {
        SourceId = sourceId,
        Location = location,
        Size = 10,
        Modified = DateTimeOffset.UnixEpoch,
        Kind = kind,
        Reason = $"{location} is {kind}",
    };

    public static CatalogSource Folder(string path) => new() { Kind = SourceKind.Folder, Location = path };
}
