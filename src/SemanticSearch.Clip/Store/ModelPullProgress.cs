namespace SemanticSearch.Clip.Store;

/// <summary>Where a pull stands; reported at most a few times per second and once at the end of every file.</summary>
/// <param name="Model">The model being pulled.</param>
/// <param name="File">The file being downloaded or verified.</param>
/// <param name="FileIndex">Zero-based position of <paramref name="File"/> in the model's file list.</param>
/// <param name="FileCount">Number of files in the model.</param>
/// <param name="FileBytes">Bytes of this file on disk so far (resumed bytes included).</param>
/// <param name="FileTotal">Size of this file, when known.</param>
/// <param name="FileDone">True once the file is downloaded and verified.</param>
public sealed record ModelPullProgress(
    string Model, string File, int FileIndex, int FileCount, long FileBytes, long? FileTotal, bool FileDone);
