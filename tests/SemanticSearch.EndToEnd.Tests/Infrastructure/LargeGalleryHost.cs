using SemanticSearch.Tests.Shared;
using SkiaSharp;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A second real host over a generated gallery of <see cref="ImageCount"/> small, distinct images: enough results
/// to scroll far past the fixture gallery's size.
/// </summary>
public sealed class LargeGalleryHost : IAsyncLifetime
{
    /// <summary>Images written; more than five pages of 24 plus a remainder.</summary>
    public const int ImageCount = 160;

    private readonly TempDirectory _gallery = new("semsearch-e2e-large-gallery");
    private readonly TempDirectory _data = new("semsearch-e2e-large-data");

    internal WebHostProcess Host { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < ImageCount; i++)
            WriteImage(Path.Combine(_gallery.Path, $"generated-{i:D3}.png"), i);
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        Host = await WebHostProcess.StartAsync(_data.Path, _gallery.Path, BrowserFixture.AdminKey,
            Path.Combine(BrowserFixture.ArtifactsDirectory, "large-host.log"));
        await Host.WaitForIndexedAsync(ImageCount, TimeSpan.FromMinutes(4));
    }

    /// <summary>A disc of a colour and size of its own on a background of its own, so no two images are alike.</summary>
    private static void WriteImage(string path, int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(64, 64);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)) };
            canvas.DrawCircle(random.Next(8, 56), random.Next(8, 56), random.Next(6, 30), paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        _data.Dispose();
        _gallery.Dispose();
    }
}
