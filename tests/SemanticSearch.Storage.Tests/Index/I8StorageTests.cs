using System.Numerics.Tensors;
using SemanticSearch.Core.Index;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Index;

public sealed class I8StorageTests
{
    // CLIP's size: unit vectors whose components are about ±0.05, the case where rounding x × 127 loses most.
    private const int Dim = 512;
    private const int N = 1500;

    private static double RecallAt10(UsearchVectorIndex index, float[] data, float[] queries)
    {
        var q = queries.Length / Dim;
        var found = 0;
        for (var i = 0; i < q; i++)
        {
            var query = queries.AsSpan(i * Dim, Dim).ToArray();
            var exact = Enumerable.Range(0, N)
                .OrderByDescending(r => TensorPrimitives.CosineSimilarity(query, data.AsSpan(r * Dim, Dim)))
                .Take(10).Select(r => (long)r).ToHashSet();
            found += index.Search(query, 10).Count(m => exact.Contains(m.Key));
        }
        return found / (10.0 * q);
    }

    [Fact]
    public void I8_storage_keeps_recall_and_cosine_scores_for_clip_sized_vectors()
    {
        var generator = new ClusteredVectors(Dim, 15, 0.7f, seed: 11);
        var data = generator.Sample(N, seed: 12);
        var queries = generator.Sample(100, seed: 13);
        using var i8 = new UsearchVectorIndex(Dim, new VectorIndexOptions { Scalar = VectorScalar.I8, ExpansionSearch = 128 });
        using var f32 = new UsearchVectorIndex(Dim, new VectorIndexOptions { ExpansionSearch = 128 });
        var keys = Enumerable.Range(0, N).Select(i => (long)i).ToArray();
        i8.AddRange(keys, data);
        f32.AddRange(keys, data);

        Assert.Equal(VectorScalar.I8, i8.Scalar);
        using var temp = new TempDirectory();
        i8.Save(temp.Combine("i8.usearch"));
        f32.Save(temp.Combine("f32.usearch"));
        var (i8Bytes, f32Bytes) = (new FileInfo(temp.Combine("i8.usearch")).Length, new FileInfo(temp.Combine("f32.usearch")).Length);
        Assert.True(i8Bytes < f32Bytes * 0.5, $"i8 file {i8Bytes} B, f32 file {f32Bytes} B"); // 512 B per vector instead of 2048
        var recall = RecallAt10(i8, data, queries);
        Assert.True(recall >= 0.95, $"recall@10 {recall:F3} with i8 storage");
        var query = queries.AsSpan(0, Dim);
        var best = i8.Search(query, 1)[0];
        Assert.Equal(TensorPrimitives.CosineSimilarity(query, data.AsSpan((int)best.Key * Dim, Dim)), best.Score, 2);
        var stored = i8.Get(7)!;
        Assert.Equal(1f, TensorPrimitives.Norm(stored), 3);
        Assert.True(TensorPrimitives.CosineSimilarity(stored, data.AsSpan(7 * Dim, Dim)) > 0.99f);
    }

    [Fact]
    public void An_i8_index_file_loads_as_i8_whatever_the_options_say()
    {
        using var temp = new TempDirectory();
        var data = new ClusteredVectors(64, 5, 0.7f, seed: 3).Sample(200, seed: 3);
        var path = temp.Combine("i8.usearch");
        using (var index = new UsearchVectorIndex(64, new VectorIndexOptions { Scalar = VectorScalar.I8 }))
        {
            index.AddRange([.. Enumerable.Range(0, 200).Select(i => (long)i)], data);
            index.Save(path);
        }

        using var loaded = UsearchVectorIndex.Load(path, new VectorIndexOptions { Scalar = VectorScalar.F32 });

        Assert.Equal(VectorScalar.I8, loaded.Scalar);
        Assert.Equal(200, loaded.Count);
        Assert.Equal(42, loaded.Search(data.AsSpan(42 * 64, 64), 1)[0].Key);
    }

    [Fact]
    public void The_options_accept_i8_and_a_recall_target_between_half_and_0_999()
    {
        Assert.Empty(new VectorIndexOptions { Scalar = VectorScalar.I8, TargetRecall = 0.999 }.Validate());
        Assert.Empty(new VectorIndexOptions { TargetRecall = 0.5 }.Validate());
        Assert.Contains(new VectorIndexOptions { TargetRecall = 1.0 }.Validate(), p => p.Contains("TargetRecall"));
        Assert.Contains(new VectorIndexOptions { TargetRecall = 0.49 }.Validate(), p => p.Contains("TargetRecall"));
        Assert.Contains(new VectorIndexOptions { TargetRecall = double.NaN }.Validate(), p => p.Contains("TargetRecall"));
        Assert.Contains(new VectorIndexOptions { CalibrationQueries = 5 }.Validate(), p => p.Contains("CalibrationQueries"));
        Assert.Contains(new VectorIndexOptions { Scalar = (VectorScalar)9 }.Validate(), p => p.Contains("I8"));
    }
}
