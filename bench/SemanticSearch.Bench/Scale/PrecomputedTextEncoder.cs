using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// A text encoder whose "texts" are query numbers ("q17") with vectors computed beforehand, so a search measures the
/// catalog, the index and the search service, not the model. Other texts (the search service's neutral prompts)
/// get one fixed unit vector.
/// </summary>
internal sealed class PrecomputedTextEncoder(float[] queries, int dimension) : ITextEncoder
{
    public int Dimension => dimension;

    /// <summary>The text that stands for query <paramref name="index"/>.</summary>
    public static string TextOf(int index) => "q" + index;

    public float[][] EncodeTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        [.. texts.Select(Lookup)];

    private float[] Lookup(string text)
    {
        if (text.StartsWith('q') && int.TryParse(text.AsSpan(1), out var index) && index >= 0 && (long)(index + 1) * dimension <= queries.Length)
            return queries.AsSpan(index * dimension, dimension).ToArray();
        var other = new float[dimension];
        other[0] = 1f;
        return other;
    }
}
