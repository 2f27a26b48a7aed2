using SemanticSearch.Tests.Shared;
using SkiaSharp;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real host over a generated gallery of <see cref="ImageCount"/> tiny, distinct images: a full rebuild takes long
/// enough (seconds) to be seen running part-way, with its total and ETA, and to be cancelled half done.
/// </summary>
public sealed class BigGalleryHost : IAsyncLifetime
{
    /// <summary>Images written.</summary>
    public const int ImageCount = 3000;

    private readonly TempDirectory _gallery = new("semsearch-e2e-big-gallery");
    private readonly TempDirectory _data = new("semsearch-e2e-big-data");

    internal WebHostProcess Host { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        using var paint = new SKPaint();
        for (var i = 0; i < ImageCount; i++)
        {
            using var bitmap = new SKBitmap(32, 32);
            using (var canvas = new SKCanvas(bitmap))
            {
                // Background and a pixel pattern from the index: every image has content of its own.
                canvas.Clear(new SKColor((byte)(i * 7), (byte)(i * 13), (byte)(i * 29)));
                paint.Color = new SKColor((byte)(255 - i % 256), (byte)(i / 256 * 17), 90);
                canvas.DrawRect(i % 24, i / 24 % 24, 8, 8, paint);
            }
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(_gallery.Path, $"big-{i:D4}.png"), data.ToArray());
        }
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        Host = await WebHostProcess.StartAsync(_data.Path, _gallery.Path, BrowserFixture.AdminKey,
            Path.Combine(BrowserFixture.ArtifactsDirectory, "big-host.log"));
        await Host.WaitForIndexedAsync(ImageCount, TimeSpan.FromMinutes(6));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        _data.Dispose();
        _gallery.Dispose();
    }
}
