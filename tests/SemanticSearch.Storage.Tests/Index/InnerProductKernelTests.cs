using System.Numerics.Tensors;
using SemanticSearch.Core.Index;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Storage.Tests.Index;

public sealed class InnerProductKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(512)]
    [InlineData(515)]
    public void The_f32_and_f16_kernels_agree_with_a_reference_dot_product(int dimension)
    {
        var random = new Random(dimension);
        var a = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        a[0] = 3e-6f; // a subnormal half
        var ha = a.Select(x => BitConverter.HalfToUInt16Bits((Half)x)).ToArray();
        var hb = b.Select(x => BitConverter.HalfToUInt16Bits((Half)x)).ToArray();
        var halfReference = 0.0;
        for (var i = 0; i < dimension; i++)
            halfReference += (double)(float)(Half)a[i] * (float)(Half)b[i];

        Assert.Equal(TensorPrimitives.Dot(a, b), InnerProductKernel.DotF32(a, b), 3);
        Assert.Equal(halfReference, InnerProductKernel.DotF16(ha, hb), 3);
    }

    [Theory]
    [InlineData(VectorScalar.F32)]
    [InlineData(VectorScalar.F16)]
    [InlineData(VectorScalar.I8)]
    public void A_query_of_any_length_is_ranked_and_scored_by_cosine(VectorScalar scalar)
    {
        const int Dim = 96;
        var data = new ClusteredVectors(Dim, 8, 0.8f, seed: 21).Sample(400, seed: 22);
        for (var i = 0; i < data.Length; i++)
            data[i] *= 1 + (i / Dim % 5); // stored vectors of several lengths too
        using var index = new UsearchVectorIndex(Dim, new VectorIndexOptions { Scalar = scalar, ExpansionSearch = 400 });
        index.AddRange([.. Enumerable.Range(0, 400).Select(i => (long)i)], data);
        var query = data.AsSpan(17 * Dim, Dim).ToArray();
        TensorPrimitives.Multiply(query, 7.5f, query);

        var hits = index.Search(query, 5);

        Assert.Equal(17, hits[0].Key);
        Assert.Equal(1f, hits[0].Score, 2);
        var expected = Enumerable.Range(0, 400).Select(i => (Key: (long)i, Score: TensorPrimitives.CosineSimilarity(query, data.AsSpan(i * Dim, Dim))))
            .OrderByDescending(x => x.Score).Take(5).ToList();
        for (var i = 0; i < 5; i++)
            Assert.Equal(expected[i].Score, hits[i].Score, 2);
    }
}
