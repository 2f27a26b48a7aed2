namespace SemanticSearch.Core.Catalog;

/// <summary>An image whose size or time changed but whose content hash did not: only the recorded size and time change.</summary>
public sealed record TouchedImage(long ImageId, long Size, DateTimeOffset Modified);
