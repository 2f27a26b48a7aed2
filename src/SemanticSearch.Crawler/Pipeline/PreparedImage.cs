using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// A decoded and preprocessed image waiting for the model: everything its catalog row needs except the embedding.
/// <see cref="Tensor"/> is rented by the worker and given back once by the encoder, which owns it from then on.
/// </summary>
internal sealed record PreparedImage(EmbeddedImage Row, float[] Tensor);
