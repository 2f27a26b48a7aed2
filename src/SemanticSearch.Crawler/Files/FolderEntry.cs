namespace SemanticSearch.Crawler.Files;

/// <summary>One name in a folder listing, with its full path in <see cref="Core.Files.EscapedPath"/> form.</summary>
/// <param name="Kind">The entry itself: a link is <see cref="FileKind.Link"/>, whatever it points to.</param>
public sealed record FolderEntry(string Path, string Name, FileKind Kind);
