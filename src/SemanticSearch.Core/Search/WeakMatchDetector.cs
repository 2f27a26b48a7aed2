using System.Numerics.Tensors;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Core.Search;

/// <summary>
/// Tells whether a text query's best results match it only weakly. A flat score cutoff does not carry across CLIP
/// models (each has its own score scale), so the test is relative: the query's best images are scored again against
/// neutral prompts that name nothing (<see cref="NeutralPrompts"/>), and the gain of the query over the best of them,
/// averaged over the top <see cref="TopCount"/> images, is turned into log-odds with the model's trained logit scale
/// (<see cref="ModelCard.LogitScale"/>). Below <see cref="MinimumGainNats"/> (the query makes those images less than
/// about 20 times likelier than "a photo" does) the response is a weak match: a query for something the images do not
/// show ranks them no better than a prompt that says nothing.
/// <para>Queries with an image or a "more like this" image are never weak: an image always has nearest images, and
/// image-to-image scores are not on the text prompts' scale.</para>
/// </summary>
public sealed class WeakMatchDetector(IEmbeddingModel model)
{
    /// <summary>Prompts that describe no content; their embeddings are computed once per model.</summary>
    public static readonly IReadOnlyList<string> NeutralPrompts = ["", "a photo", "an image"];

    /// <summary>How many of the best results are compared.</summary>
    public const int TopCount = 5;

    /// <summary>Smallest mean gain over the neutral prompts, in log-odds (nats), that counts as a real match.</summary>
    public const float MinimumGainNats = 3f;

    private float[][]? _neutral;

    /// <summary>True when <paramref name="ranked"/> (best first, from the first result) answers a text-only query weakly.</summary>
    public bool IsWeak(SearchQuery query, IReadOnlyList<SearchHit> ranked, ICatalogReader catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(catalog);
        if (string.IsNullOrWhiteSpace(query.Text) || query.Image is not null || query.SimilarTo is not null || ranked.Count == 0)
            return false;
        return GainNats(ranked, catalog, cancellationToken) < MinimumGainNats;
    }

    /// <summary>Logit scale × mean over the top results of (query score − best neutral-prompt score of the same image).</summary>
    public float GainNats(IReadOnlyList<SearchHit> ranked, ICatalogReader catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(catalog);
        var top = ranked.Take(TopCount).ToList();
        var embeddings = catalog.GetEmbeddings([.. top.Select(h => h.Image.Id)]);
        var neutral = Neutral(cancellationToken);
        float sum = 0;
        var counted = 0;
        foreach (var hit in top)
        {
            if (!embeddings.TryGetValue(hit.Image.Id, out var embedding) || embedding.Length != neutral[0].Length)
                continue;
            var baseline = neutral.Max(prompt => TensorPrimitives.Dot(prompt, embedding));
            sum += hit.Score - baseline;
            counted++;
        }
        return counted == 0 ? float.PositiveInfinity : model.Card.LogitScale * sum / counted;
    }

    // Encoded on first use, not in the constructor; two racing first searches both encode, which is harmless.
    private float[][] Neutral(CancellationToken cancellationToken) =>
        _neutral ??= model.Text.EncodeTexts(NeutralPrompts, cancellationToken);
}
