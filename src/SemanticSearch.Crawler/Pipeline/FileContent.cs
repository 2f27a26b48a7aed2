namespace SemanticSearch.Crawler.Pipeline;

/// <summary>The bytes of an original and the size and time that describe exactly those bytes.</summary>
internal sealed record FileContent(byte[] Bytes, long Size, DateTimeOffset Modified);
