using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Hosting;

namespace SemanticSearch.Web.Api;

/// <summary>
/// Query-string parameters shared by the search endpoints. Bound as strings and checked here, so a bad value gets a
/// message that names the parameter instead of a bare 400.
/// </summary>
public sealed class SearchParameters
{
    /// <summary>Text or weighted expression ("cat + 0.5 snow - dog").</summary>
    [FromQuery(Name = "q"), Description("Text, or a weighted expression such as \"cat + 0.5 snow - dog\".")]
    public string? Q { get; init; }

    /// <summary>Id of a stored query image (from <c>POST /api/search/image</c>).</summary>
    [FromQuery(Name = "image"), Description("Id of a query image stored by POST /api/search/image (its imageId); q then adds text.")]
    public string? Image { get; init; }

    /// <summary>Results per page.</summary>
    [FromQuery(Name = "k"), Description("Number of results, 1 to SemanticSearch:Search:MaxLimit (200 unless configured; default 24).")]
    public string? K { get; init; }

    /// <summary>Results to skip.</summary>
    [FromQuery(Name = "offset"), Description("Results to skip, for paging (default 0); offset + k is at most SemanticSearch:Search:MaxDepth (2000 unless configured).")]
    public string? Offset { get; init; }

    /// <summary>Lowest score kept.</summary>
    [FromQuery(Name = "minScore"), Description("Drop results whose cosine similarity is below this (-1 to 1).")]
    public string? MinScore { get; init; }

    /// <summary>Source id filter.</summary>
    [FromQuery(Name = "source"), Description("Only images of this source id.")]
    public string? Source { get; init; }

    /// <summary>Folder or URL prefix filter.</summary>
    [FromQuery(Name = "folder"), Description("A folder relative to the source given as source= (as /api/search/folders lists it; its subfolders too), or a web folder's URL prefix; admins may give an absolute path prefix.")]
    public string? Folder { get; init; }

    /// <summary>Format filter.</summary>
    [FromQuery(Name = "format"), Description("Only this format: jpeg, png, gif, webp or bmp.")]
    public string? Format { get; init; }

    /// <summary>Earliest date taken.</summary>
    [FromQuery(Name = "from"), Description("Only images taken at or after this date (ISO 8601).")]
    public string? From { get; init; }

    /// <summary>Latest date taken (exclusive).</summary>
    [FromQuery(Name = "to"), Description("Only images taken before this date (ISO 8601).")]
    public string? To { get; init; }

    /// <summary>Include near-duplicates.</summary>
    [FromQuery(Name = "duplicates"), Description("true to keep near-duplicates of better results (hidden by default).")]
    public string? Duplicates { get; init; }

    /// <summary>The search limits (SemanticSearch:Search) the engine applies too, so the API refuses exactly what it would.</summary>
    [FromServices]
    public required IOptions<SearchOptions> Limits { get; init; }

    /// <summary>Result order.</summary>
    [FromQuery(Name = "sort"), Description("relevance (default), or date: the most relevant matches newest first by date taken, then modification time.")]
    public string? Sort { get; init; }

    /// <summary>Language of the text (BCP 47).</summary>
    [FromQuery(Name = "lang"), Description("Language of the text as a BCP 47 tag (en, de-CH, zh-Hant). Multilingual models that need one " +
                                           "(NLLB-CLIP) use it; unknown languages are read as English with a note in the response.")]
    public string? Lang { get; init; }

    /// <summary>
    /// Builds the engine query without text, image or similar part; null and a message when a parameter is invalid.
    /// </summary>
    public SearchQuery? ToQuery(WebOptions options, out string? error)
    {
        error = null;
        var limit = options.DefaultResults;
        var limits = Limits.Value;
        if (K is not null && (!int.TryParse(K, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > limits.MaxLimit))
            return Fail($"k must be a whole number from 1 to {limits.MaxLimit} (was '{K}').", out error);
        var offset = 0;
        if (Offset is not null && (!int.TryParse(Offset, NumberStyles.Integer, CultureInfo.InvariantCulture, out offset) || offset < 0))
            return Fail($"offset must be a whole number, 0 or more (was '{Offset}').", out error);
        if ((long)offset + limit > limits.MaxDepth)
            return Fail($"offset + k must be at most {limits.MaxDepth}, the deepest results are paged to (was {offset} + {limit}).", out error);
        float? minScore = null;
        if (MinScore is not null)
        {
            if (!float.TryParse(MinScore, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < -1 or > 1 || float.IsNaN(value))
                return Fail($"minScore must be a number from -1 to 1 (was '{MinScore}').", out error);
            minScore = value;
        }
        long? sourceId = null;
        if (Source is not null)
        {
            if (!long.TryParse(Source, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 1)
                return Fail($"source must be a source id (was '{Source}').", out error);
            sourceId = id;
        }
        if (Format is { Length: > 16 })
            return Fail($"format must be jpeg, png, gif, webp or bmp (was '{Format[..16]}...').", out error);
        if (Folder is { Length: > FolderScope.MaxLength })
            return Fail($"folder is {Folder.Length} characters long; at most {FolderScope.MaxLength} are allowed.", out error);
        if (!TryParseDate(From, "from", out var from, out error) || !TryParseDate(To, "to", out var to, out error))
            return null;
        var hideDuplicates = true;
        if (Duplicates is not null)
        {
            if (!bool.TryParse(Duplicates, out var keep))
                return Fail($"duplicates must be true or false (was '{Duplicates}').", out error);
            hideDuplicates = !keep;
        }
        if (!SortParameter.TryParse(Sort, out var sort))
            return Fail($"sort must be relevance or date (was '{Sort}').", out error);
        var language = string.IsNullOrWhiteSpace(Lang) ? null : Lang.Trim();
        if (language is not null && !LanguageTag.IsWellFormed(language))
            return Fail(LanguageTag.Problem(language, "lang"), out error);
        return new SearchQuery
        {
            Sort = sort,
            Language = language,
            Limit = limit,
            Offset = offset,
            MinScore = minScore,
            HideNearDuplicates = hideDuplicates,
            Filter = new SearchFilter(
                sourceId,
                string.IsNullOrWhiteSpace(Folder) ? null : Folder.Trim(),
                string.IsNullOrWhiteSpace(Format) ? null : Format.Trim().ToLowerInvariant(),
                from,
                to),
        };
    }

    /// <summary>Checks <see cref="Q"/>: required unless <paramref name="optional"/>, and within the length limit.</summary>
    public string? ValidateText(bool optional, out string? error)
    {
        error = null;
        var text = Q?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (!optional)
                error = "The query is empty: pass the text to look for as q, e.g. /api/search?q=red+circle.";
            return null;
        }
        if (text.Length > Limits.Value.MaxQueryLength)
        {
            error = $"The query is {text.Length} characters long; the limit is {Limits.Value.MaxQueryLength}.";
            return null;
        }
        return text;
    }

    private static bool TryParseDate(string? value, string name, out DateTimeOffset? date, out string? error)
    {
        date = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
            return true;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = parsed;
            return true;
        }
        error = $"{name} must be a date such as 2024-05-31 or 2024-05-31T12:00:00Z (was '{value}').";
        return false;
    }

    private static SearchQuery? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
