using System.Text.Json.Serialization;

namespace SemanticSearch.Bench.Scale;

/// <summary>The figures of one <c>bench scale</c> run (printed as a table, or as one JSON object in snake case).</summary>
internal sealed record ScaleReport
{
    public required int N { get; init; }
    public required string Generator { get; init; }
    public required string Scalar { get; init; }
    public required int Dim { get; init; }
    public required double IntrinsicDimension { get; init; }
    public required int Connectivity { get; init; }
    public required int Ef { get; init; }
    public required int Queries { get; init; }
    public required int Cores { get; init; }
    public required double BuildS { get; init; }
    public required double BuildCpuS { get; init; }
    public required double ColdStartS { get; init; }
    public required double ColdStartCpuS { get; init; }
    public required double TruthS { get; init; }
    public required double RssMb { get; init; }
    public required double PeakRssMb { get; init; }
    public required double BytesPerVectorDisk { get; init; }
    public required double BytesPerVectorRam { get; init; }
    public required double CatalogBytesPerImage { get; init; }
    [JsonPropertyName("recall_at_10")]
    public required double RecallAt10 { get; init; }
    public required double SearchP50Ms { get; init; }
    public required double SearchP99Ms { get; init; }
    [JsonPropertyName("qps_1")]
    public required double Qps1 { get; init; }
    /// <summary>Single-caller queries per CPU-second of the whole process (wall time on a loaded machine is noisy).</summary>
    [JsonPropertyName("qps_1_cpu")]
    public required double Qps1Cpu { get; init; }
    public required double QpsConcurrent { get; init; }
    public required double QpsConcurrentCpu { get; init; }
    public required int Concurrency { get; init; }
    public required IReadOnlyList<FilteredResult> Filtered { get; init; }
    public required double RebuildS { get; init; }
    public required double RebuildCpuS { get; init; }
    /// <summary>The system's 1-minute load average when the run started and when it ended (2 cores: 2 is full).</summary>
    public required double LoadStart { get; init; }
    public required double LoadEnd { get; init; }
    public required string RebuildKind { get; init; }
}
