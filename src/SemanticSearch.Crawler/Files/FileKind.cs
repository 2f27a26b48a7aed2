namespace SemanticSearch.Crawler.Files;

/// <summary>What a path names, after following links (or of the link itself when asked not to follow).</summary>
public enum FileKind
{
    /// <summary>Nothing (or a dangling link).</summary>
    Missing,
    /// <summary>A regular file.</summary>
    File,
    /// <summary>A directory.</summary>
    Folder,
    /// <summary>A symbolic link (only when links are not followed).</summary>
    Link,
    /// <summary>A FIFO, socket or device: never opened.</summary>
    Other,
}
