using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>The real image encoder, counting how often and on how many images the model runs.</summary>
internal sealed class CountingImageEncoder(IImageEncoder inner) : IImageEncoder
{
    private int _calls;
    private int _images;

    public int Calls => Volatile.Read(ref _calls);

    public int Images => Volatile.Read(ref _images);

    public int Dimension => inner.Dimension;

    public PreprocessSpec Preprocess => inner.Preprocess;

    /// <summary>Optional delay per call, so tests can catch a run in the middle.</summary>
    public TimeSpan DelayPerCall { get; set; }

    /// <summary>Called before every model call, so tests can record the run's progress at each step of real work.</summary>
    public Action? BeforeCall { get; set; }

    public float[][] EncodeImages(ReadOnlyMemory<float> tensors, int count, CancellationToken cancellationToken = default)
    {
        BeforeCall?.Invoke();
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _images, count);
        if (DelayPerCall > TimeSpan.Zero)
            Task.Delay(DelayPerCall, cancellationToken).GetAwaiter().GetResult();
        return inner.EncodeImages(tensors, count, cancellationToken);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _images, 0);
    }
}
