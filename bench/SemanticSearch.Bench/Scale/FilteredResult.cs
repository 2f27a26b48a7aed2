using System.Text.Json.Serialization;

namespace SemanticSearch.Bench.Scale;

/// <summary>Recall and latency of the queries under one filter.</summary>
internal sealed record FilteredResult(
    double Selectivity,
    string Kind,
    int Matches,
    [property: JsonPropertyName("recall_at_10")] double RecallAt10,
    double P50Ms,
    double P99Ms);
