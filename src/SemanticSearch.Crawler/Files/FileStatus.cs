namespace SemanticSearch.Crawler.Files;

/// <summary>Kind, size and modification time (UTC, cut to whole milliseconds like the catalog keeps it).</summary>
public sealed record FileStatus(FileKind Kind, long Size, DateTimeOffset Modified)
{
    /// <summary>A path with nothing behind it.</summary>
    public static FileStatus Missing { get; } = new(FileKind.Missing, 0, DateTimeOffset.UnixEpoch);
}
