using System.Text.Json.Serialization;

namespace SemanticSearch.Bench.Commands;

/// <summary>One measurement of <c>semsearch bench ann</c>; the JSON names are what bench/hnswlib_compare.py reads.</summary>
internal sealed record BenchAnnRow(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("dim")] int Dim,
    [property: JsonPropertyName("scalar")] string Scalar,
    [property: JsonPropertyName("ef")] int Ef,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("recall_at_10")] double RecallAt10,
    [property: JsonPropertyName("qps")] double Qps,
    [property: JsonPropertyName("exact_qps")] double ExactQps,
    [property: JsonPropertyName("speedup_vs_exact")] double Speedup,
    [property: JsonPropertyName("qps_wall")] double QpsWall,
    [property: JsonPropertyName("exact_qps_wall")] double ExactQpsWall,
    [property: JsonPropertyName("clock")] string Clock,
    [property: JsonPropertyName("build_seconds")] double BuildSeconds,
    [property: JsonPropertyName("adds_per_second")] double AddsPerSecond,
    [property: JsonPropertyName("adds_per_cpu_second")] double AddsPerCpuSecond,
    [property: JsonPropertyName("bytes_per_vector")] double BytesPerVector,
    [property: JsonPropertyName("build_threads")] int Threads,
    [property: JsonPropertyName("simd")] string Simd,
    [property: JsonPropertyName("calibrated")] bool Calibrated = false);
