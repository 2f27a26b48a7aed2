namespace SemanticSearch.Core.Search;

/// <summary>
/// What to look for. Any combination of parts is allowed and they are summed with their weights, as rclip does:
/// <see cref="Text"/> may itself be a weighted expression such as "cat + 0.5 snow - dog".
/// </summary>
public sealed record SearchQuery
{
    /// <summary>Free text or a weighted expression.</summary>
    public string? Text { get; init; }

    /// <summary>Encoded bytes of an example image (upload, drop, file).</summary>
    public ReadOnlyMemory<byte>? Image { get; init; }

    /// <summary>Weight of <see cref="Image"/> when combined with text (default 1).</summary>
    public float ImageWeight { get; init; } = 1f;

    /// <summary>Id of an indexed image whose stored embedding is the query ("more like this").</summary>
    public long? SimilarTo { get; init; }

    public int Limit { get; init; } = 24;

    public int Offset { get; init; }

    /// <summary>Results scoring below this cosine similarity are dropped.</summary>
    public float? MinScore { get; init; }

    /// <summary>Hide results with cosine ≥ 0.95 to a better-ranked result (on by default).</summary>
    public bool HideNearDuplicates { get; init; } = true;

    public SearchFilter Filter { get; init; } = SearchFilter.None;

    /// <summary>Relevance (default), or the most relevant window newest first.</summary>
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    /// <summary>BCP 47 tag of the text's language (<c>de-CH</c>); only multilingual models that need one use it.</summary>
    public string? Language { get; init; }
}
