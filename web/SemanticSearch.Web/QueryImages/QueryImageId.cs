using System.Security.Cryptography;

namespace SemanticSearch.Web.QueryImages;

/// <summary>
/// The id of a stored query image: the lowercase hex SHA-256 of its bytes. Checked character by character before it
/// is ever part of a path, so no id can name anything outside the store.
/// </summary>
public static class QueryImageId
{
    /// <summary>Length of an id in characters.</summary>
    public const int Length = 64;

    /// <summary>The id of <paramref name="data"/>.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>True when <paramref name="value"/> is exactly 64 characters of 0-9 and a-f.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>A message for an invalid id, naming where valid ones come from.</summary>
    public static string Describe(string? value) =>
        $"“{Shorten(value ?? "")}” is not a query image id: ids are the 64 lowercase hex characters that POST /api/search/image returns.";

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "…");
}
