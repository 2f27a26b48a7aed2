namespace SemanticSearch.Clip.Store;

/// <summary>One file of a known model, relative to its repository.</summary>
public sealed class KnownModelFile
{
    private string? _sha256;

    /// <summary>Path inside the repository and inside the installed folder, e.g. <c>onnx/vision_model.onnx</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// Expected SHA-256 (hex). When set, a download whose digest differs is deleted and the pull fails. Pinned or not,
    /// the file is also checked against the digest and size the server announces (Hugging Face's X-Linked-Etag and
    /// X-Linked-Size); the digest computed on download is recorded in the installed model's manifest, so it can be
    /// copied into the settings to pin the file from then on.
    /// </summary>
    public string? Sha256
    {
        get => _sha256;
        // A JSON null in appsettings.json arrives as an empty string; both mean "not pinned".
        set => _sha256 = string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
    }

    /// <summary>Expected size in bytes, when known: shown by <c>models list</c> and checked after download.</summary>
    public long? Size { get; set; }
}
