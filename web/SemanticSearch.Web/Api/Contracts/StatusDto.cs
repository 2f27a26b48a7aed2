namespace SemanticSearch.Web.Api.Contracts;

/// <summary>The numbers of <c>semsearch stats --json</c> plus the crawler's state.</summary>
/// <param name="Indexed">Images embedded with the current model.</param>
/// <param name="Failed">Images that could not be indexed.</param>
/// <param name="Deleted">Tombstones of vanished images.</param>
/// <param name="Pending">Images waiting to be embedded.</param>
/// <param name="Vectors">Vectors in the live index.</param>
/// <param name="Model">Id of the model that answers searches (else the catalog's, while none loaded).</param>
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

    /// <summary>The switch to another model under way (or the last one that failed or was cancelled); null when none.</summary>
    public ModelSwitchDto? PendingModel { get; init; }

    /// <summary>True when an admin chose the answering model: it then overrides <c>SemanticSearch:Model:Path</c>.</summary>
    public bool ModelChosenByAdmin { get; init; }
}
