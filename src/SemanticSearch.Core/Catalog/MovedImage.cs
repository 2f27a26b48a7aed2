namespace SemanticSearch.Core.Catalog;

/// <summary>
/// An indexed image found at a new location with the same content hash: it keeps its id, embedding and vector.
/// Any other row already at the new location is replaced.
/// </summary>
public sealed record MovedImage(long ImageId, long SourceId, string Location, long Size, DateTimeOffset Modified);
