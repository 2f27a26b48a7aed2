using System.Text.Json;
using SemanticSearch.Core.Index;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// The search expansion measured to reach a recall target on one index, kept in a small JSON file next to the index
/// file so a restart does not measure again. It stays valid while the index keeps its model, storage and graph
/// settings and its size stays within a factor of two of the size it was measured at.
/// </summary>
public sealed record SearchExpansionCalibration(
    int ExpansionSearch,
    double Recall,
    double TargetRecall,
    long Count,
    int Queries,
    string ModelId,
    int Dimension,
    VectorScalar Scalar,
    int Connectivity,
    int ExpansionAdd,
    DateTimeOffset CalibratedAt)
{
    /// <summary>The calibration file that belongs to the index file at <paramref name="indexPath"/>.</summary>
    public static string PathFor(string indexPath) => indexPath + ".calibration.json";

    /// <summary>True when this calibration still describes an index of these settings holding <paramref name="count"/> vectors.</summary>
    public bool Fits(string modelId, int dimension, VectorScalar scalar, VectorIndexOptions options, long count) =>
        ModelId == modelId && Dimension == dimension && Scalar == scalar && TargetRecall.Equals(options.TargetRecall)
        && Connectivity == options.Connectivity && ExpansionAdd == options.ExpansionAdd
        && count <= 2 * Count && 2 * count >= Count;

    /// <summary>Reads the calibration file; null when it is missing or unreadable (then the index is measured again).</summary>
    public static SearchExpansionCalibration? Read(string path)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 64 * 1024)
                return null;
            var calibration = JsonSerializer.Deserialize<SearchExpansionCalibration>(File.ReadAllText(path));
            return calibration is { ExpansionSearch: >= 1 and <= 4096 } ? calibration : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes the calibration file atomically.</summary>
    public void Write(string path) => AtomicFile.Replace(path, temp => File.WriteAllText(temp, JsonSerializer.Serialize(this)));
}
