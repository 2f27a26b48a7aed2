namespace SemanticSearch.Core.Embeddings;

/// <summary>
/// What a model folder says about itself for people and for calibration (<c>semsearch_card</c> in its config.json):
/// read by the first screen (the model line, example queries) and by <see cref="Search.WeakMatchDetector"/>.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The temperature OpenAI's CLIP and most CLIP trainings end at (their clamp); used when a card gives none.</summary>
    public const float DefaultLogitScale = 100f;

    /// <summary>A card that says nothing: no summary, no examples, the usual CLIP temperature.</summary>
    public static ModelCard Unknown { get; } = new();

    /// <summary>What the model knows, in a few words ("a small model that only knows coloured shapes").</summary>
    public string? Summary { get; init; }

    /// <summary>What to do for better results ("pull a real CLIP model for photos").</summary>
    public string? Advice { get; init; }

    /// <summary>Queries that show what the model can find, for the empty search page.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>
    /// The trained logit scale (inverse temperature): cosine differences times this are log-odds under the model's
    /// own softmax, which puts score gaps of different models on one scale.
    /// </summary>
    public float LogitScale { get; init; } = DefaultLogitScale;
}
