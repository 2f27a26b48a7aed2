using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Crawler.Models;

/// <summary>
/// The model that answers now, for code that is given one model (the crawler's pipeline, the CLI). Indexing runs hold
/// the <see cref="Core.Models.CrawlerRunGate"/>, so within a run this is one model throughout.
/// </summary>
public sealed class AnsweringEmbeddingModel(ModelService service) : IEmbeddingModel
{
    private IEmbeddingModel Model => service.Current?.Model
        ?? throw new InvalidOperationException("No embedding model is loaded: " + (service.Problem ?? "it is still loading."));

    /// <inheritdoc />
    public string ModelId => Model.ModelId;

    /// <inheritdoc />
    public int Dimension => Model.Dimension;

    /// <inheritdoc />
    public ITextEncoder Text => Model.Text;

    /// <inheritdoc />
    public IImageEncoder Images => Model.Images;

    /// <inheritdoc />
    public ModelCard Card => service.Current?.Model.Card ?? ModelCard.Unknown;

    /// <summary>The model service owns (and disposes) the models.</summary>
    public void Dispose()
    {
    }
}
