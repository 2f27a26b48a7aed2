namespace SemanticSearch.Clip.Store;

/// <summary>One downloaded file as recorded in an installed model's manifest.</summary>
/// <param name="Path">Path inside the model folder.</param>
/// <param name="Size">Bytes on disk.</param>
/// <param name="Sha256">Digest computed on download (hex).</param>
/// <param name="Pinned">Whether the settings gave a digest that this one was checked against.</param>
public sealed record ModelManifestFile(string Path, long Size, string Sha256, bool Pinned)
{
    /// <summary>The checks the file passed (pinned / announced SHA-256, announced git blob, size); empty when none could be made.</summary>
    public string Verification { get; init; } = "";
}
