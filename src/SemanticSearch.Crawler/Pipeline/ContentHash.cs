using System.Security.Cryptography;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>SHA-256 of an original's bytes, lower-case hex: recognises moved, renamed and copied images.</summary>
internal static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
