namespace SemanticSearch.Clip.Store;

/// <summary>A retrieval-quality figure published for a known model, with where it was published.</summary>
public sealed class KnownModelRecall
{
    /// <summary>Language of the queries, e.g. <c>English</c>.</summary>
    public string Language { get; set; } = "";

    /// <summary>Recall in percent, as published (Immich: mean of recall@1/5/10 on Crossmodal-3600).</summary>
    public double Percent { get; set; }

    /// <summary>Where the figure was published (a URL pinned to a revision), so it can be checked.</summary>
    public string Source { get; set; } = "";
}
