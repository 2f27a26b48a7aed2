using System.Text;

namespace SemanticSearch.Web.Tests.Hostile;

/// <summary>
/// Requests that once answered 500 (issue 7, part 5) and parameters fuzzed with values parsers get wrong: huge numbers,
/// NaN and infinities, negatives, very long text, control characters, invalid UTF-8 and odd Unicode.
/// </summary>
public static class HostileCorpus
{
    /// <summary>40 nines: parses as +infinity as a float.</summary>
    public static readonly string InfiniteWeight = new string('9', 40) + "*red";

    /// <summary>Two weights near float.MaxValue: each finite, their sum is not.</summary>
    public static readonly string OverflowingWeights = new string('9', 38) + "*red + " + new string('9', 38) + "*blue";

    /// <summary>Multipart bodies the form reader cannot parse, with the Content-Type they are sent with.</summary>
    public static readonly (string Name, string ContentType, string Body)[] BrokenMultipart =
    [
        ("boundary mismatch", "multipart/form-data; boundary=expected",
            "--other\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nxyz\r\n--other--\r\n"),
        ("unterminated", "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nxyz"),
        ("garbage", "multipart/form-data; boundary=b", "\u0001\u0002 this is not multipart at all \r\n\r\n--"),
        ("no boundary", "multipart/form-data", "--b\r\n\r\n--b--\r\n"),
        ("header without end", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\""),
    ];

    /// <summary>Values that have broken parsers somewhere, percent-encoded as they go in a URL.</summary>
    public static readonly string[] FuzzedValues =
    [
        "", "%20", "abc", "-1", "0", "-0", "99999999999999999999", "-99999999999999999999", "1e309", "-1e309", "1e-400",
        "NaN", "Infinity", "-Infinity", "%E2%88%9E", "0x10", "1.5", "1%2C5", "%2B1", "2147483648", "-2147483649",
        "9223372036854775808", new string('9', 400), "%00", "%0A%0D", "%1B%5B31m", "%FF", "%C3%28", "%ED%A0%80", "%F4%90%80%80",
        "%E3%80%80", "%EF%BB%BF", "%F0%9F%98%80", "..%2F..%2Fetc%2Fpasswd", "%2F%2Fevil.example", "%3Cscript%3E",
        "true%00", "null", "undefined", "%25", "%", "%G1", "2024-13-45", "0001-01-01", "9999-12-31T23:59:59%2B14:00",
        Repeat("a", 600), Repeat("%E2%80%AE", 200), Repeat("-%20", 300), Repeat("1*", 300) + "x",
    ];

    /// <summary>Query parameters of the API and the page.</summary>
    public static readonly string[] SearchParameters = ["q", "k", "offset", "minScore", "source", "folder", "format", "from", "to", "duplicates", "sort"];

    /// <summary>The search page's filter parameters (its URL).</summary>
    public static readonly string[] PageFilterParameters = ["source", "folder", "format", "from", "to", "minScore", "sort", "dups"];

    /// <summary>Every request of the corpus; <paramref name="imageId"/> is an indexed image.</summary>
    public static IEnumerable<HostileRequest> All(long imageId)
    {
        foreach (var q in new[] { InfiniteWeight, OverflowingWeights, "1e30*red", "0*red", "100*red - 100*red" })
        {
            yield return new HostileRequest("GET", "/api/search?q=" + Uri.EscapeDataString(q));
            yield return new HostileRequest("GET", "/?q=" + Uri.EscapeDataString(q));
        }
        foreach (var (_, contentType, body) in BrokenMultipart)
            yield return new HostileRequest("POST", "/api/search/image", contentType, Encoding.UTF8.GetBytes(body));
        yield return new HostileRequest("POST", "/api/search/image", "application/json", "{\"file\": 1}"u8.ToArray());
        yield return new HostileRequest("POST", "/api/search/image", "application/x-www-form-urlencoded", "file=%FF%FE&q=red"u8.ToArray());
        yield return new HostileRequest("GET", "/admin/signin?returnUrl=%E3%80%80");
        yield return new HostileRequest("GET", "/admin/signin?returnUrl=%2F%E3%80%80");
        yield return new HostileRequest("GET", "/admin/signin?returnUrl=%2F%0D%0ASet-Cookie:%20x=y");
        yield return new HostileRequest("GET", "/admin?x=%E3%80%80");
        yield return new HostileRequest("DELETE", "/api/search");
        foreach (var value in FuzzedValues)
        {
            yield return new HostileRequest("GET", "/?similar=" + value);
            yield return new HostileRequest("GET", "/?q=" + value);
            yield return new HostileRequest("GET", $"/api/images/{imageId}/similar?k={value}");
            // A NUL in the path never reaches the app: Kestrel refuses the request line (and the test server throws).
            if (!value.Contains("%00", StringComparison.Ordinal))
                yield return new HostileRequest("GET", $"/api/images/{value}/similar");
            foreach (var parameter in SearchParameters)
                yield return new HostileRequest("GET", $"/api/search?q=red&{parameter}={value}");
            foreach (var parameter in PageFilterParameters)
                yield return new HostileRequest("GET", $"/?q=red&{parameter}={value}");
        }
        // Random mixes of the values over random parameters, from a fixed seed so a failure can be replayed.
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var query = string.Join('&', Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
                $"{SearchParameters[random.Next(SearchParameters.Length)]}={FuzzedValues[random.Next(FuzzedValues.Length)]}"));
            yield return new HostileRequest("GET", "/api/search?" + query);
            yield return new HostileRequest("POST", "/api/search/image?" + query, "image/png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        }
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
