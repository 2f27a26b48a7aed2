namespace SemanticSearch.Core.Search;

/// <summary>Search limits and tuning, bound from the <c>SemanticSearch:Search</c> section.</summary>
public sealed class SearchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SemanticSearch:Search";

    /// <summary>Default of <see cref="MaxQueryLength"/>.</summary>
    public const int DefaultMaxQueryLength = 500;

    /// <summary>Default of <see cref="MaxTerms"/>.</summary>
    public const int DefaultMaxTerms = 16;

    /// <summary>
    /// Longest accepted query text in characters: the one limit the engine, the API, the search page, the search box
    /// (its maxlength, which cuts pastes with a notice) and the CLI all apply.
    /// </summary>
    public int MaxQueryLength { get; set; } = DefaultMaxQueryLength;

    /// <summary>Most weighted terms in one query expression (each costs a text encoding).</summary>
    public int MaxTerms { get; set; } = DefaultMaxTerms;

    /// <summary>Largest page size (the API's <c>k</c>, the CLI's <c>--limit</c>).</summary>
    public int MaxLimit { get; set; } = 200;

    /// <summary>
    /// Deepest result reachable by paging (offset + limit): the API refuses deeper pages, the page's infinite scroll
    /// stops there, the engine never looks further.
    /// </summary>
    public int MaxDepth { get; set; } = 2000;

    /// <summary>A result at least this similar (cosine) to a better-ranked one is a near-duplicate.</summary>
    public float DuplicateThreshold { get; set; } = 0.95f;

    /// <summary>A filter matching at most this many images is answered by exact search over exactly those images.</summary>
    public int ExactFilterBelow { get; set; } = 20_000;

    /// <summary>How many more index candidates than needed to fetch, to survive filtering and de-duplication.</summary>
    public int OverFetch { get; set; } = 3;

    /// <summary>How many of the most relevant matches a date sort orders newest first.</summary>
    public int DateSortWindow { get; set; } = 500;

    /// <summary>Problems with the values, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxQueryLength < 1) problems.Add($"{Section}:MaxQueryLength must be positive.");
        if (MaxTerms < 1) problems.Add($"{Section}:MaxTerms must be positive.");
        if (MaxLimit < 1) problems.Add($"{Section}:MaxLimit must be positive.");
        if (MaxDepth < MaxLimit) problems.Add($"{Section}:MaxDepth must be at least MaxLimit.");
        if (DuplicateThreshold is <= 0 or > 1) problems.Add($"{Section}:DuplicateThreshold must be in (0, 1].");
        if (ExactFilterBelow < 0) problems.Add($"{Section}:ExactFilterBelow must not be negative.");
        if (DateSortWindow is < 1 or > 20_000) problems.Add($"{Section}:DateSortWindow must be from 1 to 20000.");
        if (OverFetch < 1) problems.Add($"{Section}:OverFetch must be at least 1.");
        return problems;
    }
}
