using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>One change for the single writer; exactly one of the row properties is set.</summary>
internal sealed record WriteItem(string Location)
{
    /// <summary>A new embedding (from the model, or copied from an identical indexed image).</summary>
    public EmbeddedImage? Embedded { get; init; }

    /// <summary>True when <see cref="Embedded"/> reuses another image's embedding instead of a model call.</summary>
    public bool Reused { get; init; }

    public FailedImage? Failed { get; init; }

    public TouchedImage? Touched { get; init; }

    /// <summary>An indexed image that moved here.</summary>
    public MovedImage? Moved { get; init; }
}
