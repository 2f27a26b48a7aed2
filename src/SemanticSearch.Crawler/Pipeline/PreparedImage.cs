using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// A decoded and preprocessed image waiting for the model: everything its catalog row needs except the embedding.
/// <see cref="Tensor"/> is rented from the shared pool and returned by the encoder.
/// </summary>
internal sealed record PreparedImage(EmbeddedImage Row, float[] Tensor);
