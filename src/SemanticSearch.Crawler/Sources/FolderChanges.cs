namespace SemanticSearch.Crawler.Sources;

/// <summary>Paths of a watched folder source that changed (created, modified, renamed from or to, deleted).</summary>
/// <param name="RescanSource">True when the watcher lost events (buffer overflow): the whole source must be rescanned.</param>
public sealed record FolderChanges(long SourceId, IReadOnlyCollection<string> Paths, bool RescanSource = false);
