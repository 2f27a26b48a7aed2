using System.Text.Json;

namespace SemanticSearch.Clip.Store;

/// <summary>What a completed pull wrote next to the model files: where they came from and their digests.</summary>
public sealed record ModelManifest(
    string Name, string Repository, string Revision, string Source, DateTimeOffset PulledAt, IReadOnlyList<ModelManifestFile> Files)
{
    /// <summary>File name of the manifest inside a model folder.</summary>
    public const string FileName = "semsearch-manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads the manifest of an installed model, or null when there is none.</summary>
    public static ModelManifest? TryRead(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
