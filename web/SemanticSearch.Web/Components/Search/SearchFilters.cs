using System.Globalization;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Api;

namespace SemanticSearch.Web.Components.Search;

/// <summary>
/// The search page's filters, sort and duplicate choice as they live in its URL (<c>source=</c>, <c>folder=</c>,
/// <c>format=</c>, <c>from=</c>, <c>to=</c>, <c>minScore=</c>, <c>sort=date</c>, <c>dups=1</c>), so links and Back keep them.
/// </summary>
public sealed record SearchFilters
{
    /// <summary>The formats that can be filtered by.</summary>
    public static readonly string[] Formats = ["jpeg", "png", "gif", "webp", "bmp"];

    /// <summary>No filter, relevance order, near-duplicates hidden.</summary>
    public static SearchFilters None { get; } = new();

    /// <summary>Source id.</summary>
    public long? Source { get; init; }

    /// <summary>Folder relative to <see cref="Source"/> ("" for its top folder), or a web folder's URL.</summary>
    public string? Folder { get; init; }

    /// <summary>jpeg, png, gif, webp or bmp.</summary>
    public string? Format { get; init; }

    /// <summary>Taken on or after this day (UTC).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Taken before this day (UTC).</summary>
    public DateOnly? To { get; init; }

    /// <summary>Lowest score shown.</summary>
    public float? MinScore { get; init; }

    /// <summary>Result order.</summary>
    public SearchSort Sort { get; init; }

    /// <summary>Show near-duplicates instead of hiding them.</summary>
    public bool ShowDuplicates { get; init; }

    /// <summary>How many filters are set (sort and duplicates are not filters).</summary>
    public int Count => (Source is null ? 0 : 1) + (Folder is null ? 0 : 1) + (Format is null ? 0 : 1)
                        + (From is null ? 0 : 1) + (To is null ? 0 : 1) + (MinScore is null ? 0 : 1);

    /// <summary>Reads the URL's values; null and a reason a person can read when one is not usable.</summary>
    public static SearchFilters? Parse(string? source, string? folder, string? format, string? from, string? to, string? minScore,
        string? sort, string? dups, out string? error)
    {
        error = null;
        var filters = new SearchFilters();
        if (!string.IsNullOrWhiteSpace(source))
        {
            if (!long.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                return Fail($"“{Shorten(source)}” is not a source id.", out error);
            filters = filters with { Source = id };
        }
        if (folder is not null)
        {
            if (folder.Length > FolderScope.MaxLength)
                return Fail($"The folder is {folder.Length} characters long; at most {FolderScope.MaxLength} are allowed.", out error);
            filters = filters with { Folder = folder.Trim() };
        }
        if (!string.IsNullOrWhiteSpace(format))
        {
            var name = format.Trim().ToLowerInvariant();
            if (!Formats.Contains(name))
                return Fail($"“{Shorten(format)}” is not a format to filter by: use jpeg, png, gif, webp or bmp.", out error);
            filters = filters with { Format = name };
        }
        if (!TryParseDay(from, "from", out var fromDay, out error) || !TryParseDay(to, "to", out var toDay, out error))
            return null;
        filters = filters with { From = fromDay, To = toDay };
        if (!string.IsNullOrWhiteSpace(minScore))
        {
            if (!float.TryParse(minScore, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || float.IsNaN(score) || score is < -1 or > 1)
                return Fail($"The minimum score must be a number from -1 to 1 (was “{Shorten(minScore)}”).", out error);
            filters = filters with { MinScore = score };
        }
        if (!SortParameter.TryParse(sort, out var order))
            return Fail($"“{Shorten(sort!)}” is not a sort: use relevance or date.", out error);
        return filters with { Sort = order, ShowDuplicates = dups is "1" or "true" };
    }

    /// <summary>The URL's query parameters for these filters; null removes a parameter.</summary>
    public IReadOnlyDictionary<string, object?> UrlParameters => new Dictionary<string, object?>
    {
        ["source"] = Source?.ToString(CultureInfo.InvariantCulture),
        ["folder"] = Folder,
        ["format"] = Format,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["minScore"] = MinScore?.ToString(CultureInfo.InvariantCulture),
        ["sort"] = Sort == SearchSort.Date ? "date" : null,
        ["dups"] = ShowDuplicates ? "1" : null,
    };

    /// <summary>"&amp;source=1&amp;format=png" (empty without filters): appended to a new query's URL, so filters stay.</summary>
    public string QuerySuffix => string.Concat(UrlParameters.Where(p => p.Value is not null)
        .Select(p => $"&{p.Key}={Uri.EscapeDataString((string)p.Value!)}"));

    /// <summary>These filters without the one named by its URL parameter; a folder goes with its source.</summary>
    public SearchFilters Without(string parameter) => parameter switch
    {
        "source" => this with { Source = null, Folder = null },
        "folder" => this with { Folder = null },
        "format" => this with { Format = null },
        "from" => this with { From = null },
        "to" => this with { To = null },
        "minScore" => this with { MinScore = null },
        "sort" => this with { Sort = SearchSort.Relevance },
        _ => this,
    };

    /// <summary>The engine's filter, with <paramref name="folderPrefix"/> the folder made absolute.</summary>
    public SearchFilter ToFilter(string? folderPrefix) => new(
        Source,
        folderPrefix,
        Format,
        From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        To?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static bool TryParseDay(string? value, string name, out DateOnly? day, out string? error)
    {
        day = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
            return true;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        error = $"The {name} date must look like 2024-05-31 (was “{Shorten(value)}”).";
        return false;
    }

    private static SearchFilters? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "…");
}
