using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace SemanticSearch.Clip.Store;

/// <summary>
/// What the download server said about a file before sending it. Hugging Face answers a request for an LFS file with
/// the object's SHA-256 in <c>X-Linked-Etag</c> and its size in <c>X-Linked-Size</c> (on the redirect to its CDN); a
/// small, non-LFS file gets its git blob id (SHA-1 of <c>"blob {size}\0" + bytes</c>) as the plain ETag, next to an
/// <c>X-Repo-Commit</c> header. Anything else (another server, a missing or odd header) announces nothing.
/// </summary>
internal sealed partial record AnnouncedFile(string? Sha256, string? GitBlobSha1, long? Size)
{
    public static readonly AnnouncedFile None = new(null, null, null);

    /// <summary>The digest that identifies the announced content, used to notice a file that changed between resumes.</summary>
    public string? Identity => Sha256 ?? GitBlobSha1;

    public static AnnouncedFile From(HttpResponseMessage response)
    {
        var headers = response.Headers;
        var sha256 = Digest(First(headers, "X-Linked-Etag"), 64);
        long? size = long.TryParse(First(headers, "X-Linked-Size"), out var s) && s >= 0 ? s : null;
        // A git blob id is only meaningful from Hugging Face itself and only when no LFS digest was linked.
        var gitBlob = sha256 is null && headers.Contains("X-Repo-Commit") ? Digest(headers.ETag?.Tag, 40) : null;
        return new AnnouncedFile(sha256, gitBlob, size);
    }

    /// <summary>Keeps what an earlier hop of a redirect chain announced; later hops only fill the gaps.</summary>
    public AnnouncedFile Then(AnnouncedFile next)
    {
        var sha256 = Sha256 ?? next.Sha256;
        return new(sha256, sha256 is null ? GitBlobSha1 ?? next.GitBlobSha1 : null, Size ?? next.Size);
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Strips quotes and a weak <c>W/</c> prefix; accepts only a hex digest of the expected length.</summary>
    private static string? Digest(string? etag, int length)
    {
        if (etag is null)
            return null;
        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        value = value.Trim('"').ToLowerInvariant();
        return value.Length == length && HexDigits().IsMatch(value) ? value : null;
    }

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex HexDigits();
}
