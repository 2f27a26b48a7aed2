namespace SemanticSearch.Web.Components.Search;

/// <summary>
/// What the prerendered page showed, handed to its circuit (<c>PersistentComponentState</c>) so a shared link runs
/// its query once, not once to prerender and again when the page becomes interactive. Kept small (ids and scores, no
/// preview): the browser sends it back in the circuit's first SignalR message, whose size is limited.
/// </summary>
public sealed record PrerenderedSearch
{
    /// <summary>The key the state is stored under.</summary>
    public const string Key = "semsearch.search";

    /// <summary>Largest state handed over, in bytes of JSON; a larger one is not persisted and the circuit searches again.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The URL's text, similar id and image id the results answer, as the page read them.</summary>
    public string? Text { get; init; }

    /// <inheritdoc cref="Text"/>
    public string? Similar { get; init; }

    /// <inheritdoc cref="Text"/>
    public string? ImageId { get; init; }

    /// <summary>False when the URL's query was refused before it became one (a bad id, an expired link).</summary>
    public bool HasQuery { get; init; }

    /// <summary>What the page showed, its message and results.</summary>
    public SearchViewState State { get; init; }

    /// <inheritdoc cref="State"/>
    public string? Error { get; init; }

    /// <inheritdoc cref="State"/>
    public List<PrerenderedHit> Hits { get; init; } = [];

    /// <inheritdoc cref="State"/>
    public bool HasMore { get; init; }

    /// <inheritdoc cref="State"/>
    public double TookMs { get; init; }

    /// <summary>The URL's filters, sort and near-duplicate choice (as a query-string suffix) the results answer.</summary>
    public string Filters { get; init; } = "";

    /// <summary>Near-duplicates hidden up to the end of the shown results.</summary>
    public int HiddenDuplicates { get; init; }

    /// <summary>Why the query's language was not used, when it was not.</summary>
    public string? LanguageNote { get; init; }

    /// <summary>Whether the results were only the closest images, not matches (the weak-match notice).</summary>
    public bool WeakMatch { get; init; }

    /// <summary>The active query's similar id and names (null when the query was refused).</summary>
    public long? SimilarTo { get; init; }

    /// <inheritdoc cref="SimilarTo"/>
    public string? SimilarName { get; init; }

    /// <inheritdoc cref="SimilarTo"/>
    public string? ImageName { get; init; }

    /// <summary>True when this answers the URL query (<paramref name="text"/>, <paramref name="similar"/>, <paramref name="imageId"/>).</summary>
    public bool Answers(string? text, string? similar, string? imageId) =>
        Text == text && Similar == similar && ImageId == imageId;
}
