using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Storage.Tests.Search;

/// <summary>
/// The real model behind a gate: text encoding waits until the test opens it (or the search is cancelled), so a test
/// can observe a search while its model work is still running.
/// </summary>
internal sealed class GatedEmbeddingModel(IEmbeddingModel inner) : IEmbeddingModel, ITextEncoder
{
    private readonly ManualResetEventSlim _gate = new();

    /// <summary>How long a closed gate waits before failing the encode, so a broken test cannot hang.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    public string ModelId => inner.ModelId;

    public int Dimension => inner.Dimension;

    public ITextEncoder Text => this;

    public IImageEncoder Images => inner.Images;

    /// <summary>Set once an encode is waiting at the gate.</summary>
    public ManualResetEventSlim Entered { get; } = new();

    public void Open() => _gate.Set();

    public float[][] EncodeTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Entered.Set();
        if (!_gate.Wait(GiveUpAfter, cancellationToken))
            throw new TimeoutException("The gate was never opened: the caller was blocked by its own search.");
        return inner.Text.EncodeTexts(texts, cancellationToken);
    }

    // The inner model belongs to the fixture.
    public void Dispose()
    {
        _gate.Dispose();
        Entered.Dispose();
    }
}
