namespace SemanticSearch.Core.Catalog;

/// <summary>What the saved vector index file contains: every catalog change up to <see cref="Sequence"/>, of one model.</summary>
public sealed record IndexCheckpoint(long Sequence, string ModelId, int Dimension, DateTimeOffset SavedAt)
{
    /// <summary>Length in bytes of the file as saved; a different length means the file is not the one recorded.</summary>
    public long? FileLength { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the file as saved, so a damaged file is rebuilt instead of trusted.</summary>
    public string? FileSha256 { get; init; }
}
