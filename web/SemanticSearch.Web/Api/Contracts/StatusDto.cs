namespace SemanticSearch.Web.Api.Contracts;

/// <summary>The numbers of <c>semsearch stats --json</c> plus the crawler's state.</summary>
/// <param name="Indexed">Images embedded with the current model.</param>
/// <param name="Failed">Images that could not be indexed.</param>
/// <param name="Deleted">Tombstones of vanished images.</param>
/// <param name="Pending">Images waiting to be embedded.</param>
/// <param name="Vectors">Vectors in the live index.</param>
/// <param name="Model">Model id of the catalog's embeddings (null before the first run).</param>
/// <param name="ModelAvailable">False when the configured model cannot be loaded: search is then unavailable.</param>
/// <param name="ModelMessage">What is wrong with the model and how to get it, when unavailable.</param>
/// <param name="Crawler">The crawler's state and progress.</param>
public sealed record StatusDto(
    long Indexed,
    long Failed,
    long Deleted,
    long Pending,
    long Vectors,
    string? Model,
    bool ModelAvailable,
    string? ModelMessage,
    CrawlerStatusDto Crawler)
{
    /// <summary>The loaded export of the model folder (<c>Fp32</c>, <c>Quantized</c> = int8, <c>Fp16</c>); null when unavailable.</summary>
    public string? ModelVariant { get; init; }
}
