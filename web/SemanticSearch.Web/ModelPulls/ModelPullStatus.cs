namespace SemanticSearch.Web.ModelPulls;

/// <summary>A snapshot of one model's pull.</summary>
/// <param name="Model">Known-model name.</param>
/// <param name="Phase">Where the pull stands.</param>
/// <param name="File">The file being downloaded, while downloading.</param>
/// <param name="FileIndex">Zero-based position of <paramref name="File"/> in the model's files.</param>
/// <param name="FileCount">Number of files in the model.</param>
/// <param name="Bytes">Bytes on disk so far, over all files (resumed bytes included).</param>
/// <param name="TotalBytes">Size of all files, when the settings give every file's size.</param>
/// <param name="Problem">Why it failed or that it was cancelled.</param>
public sealed record ModelPullStatus(
    string Model, ModelPullPhase Phase, string? File = null, int FileIndex = 0, int FileCount = 0,
    long Bytes = 0, long? TotalBytes = null, string? Problem = null)
{
    /// <summary>True while the pull is queued or downloading.</summary>
    public bool Running => Phase is ModelPullPhase.Queued or ModelPullPhase.Downloading;

    /// <summary>0-100 by bytes when the total is known, else by files; null before the first file starts.</summary>
    public int? Percent => Phase == ModelPullPhase.Installed ? 100
        : TotalBytes is { } total && total > 0 ? (int)Math.Clamp(Bytes * 100 / total, 0, 100)
        : FileCount > 0 && Phase == ModelPullPhase.Downloading ? FileIndex * 100 / FileCount
        : null;
}
