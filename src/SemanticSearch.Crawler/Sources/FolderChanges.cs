namespace SemanticSearch.Crawler.Sources;

/// <summary>Paths of a watched folder source that changed (created, modified, renamed from or to, deleted).</summary>
/// <param name="SourceId">The catalog id of the watched source.</param>
/// <param name="Paths">Absolute paths of files or folders that changed.</param>
/// <param name="RescanSource">True when the watcher lost events (buffer overflow): the whole source must be rescanned.</param>
public sealed record FolderChanges(long SourceId, IReadOnlyCollection<string> Paths, bool RescanSource = false);
