using SemanticSearch.Clip.Store;
using SemanticSearch.Tests.Shared;
using SkiaSharp;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real host of its own (a switch changes the answering model for every client) over <see cref="ImageCount"/>
/// generated images, indexed with the demo model, with a second model installed in its data folder: the random-weight
/// <see cref="SecondModel"/> family export, with the store's completion marker as a pull leaves it.
/// </summary>
public sealed class ModelSwitchHost : IAsyncLifetime
{
    /// <summary>Enough images that embedding them all with the new model takes a few pushes of progress.</summary>
    public const int ImageCount = 600;

    /// <summary>The installed folder's name, as the models panel lists it.</summary>
    public const string SecondModel = "openai-hf";

    private readonly TempDirectory _gallery = new("semsearch-e2e-switch-gallery");
    private readonly TempDirectory _data = new("semsearch-e2e-switch-data");

    internal WebHostProcess Host { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        using var paint = new SKPaint();
        for (var i = 0; i < ImageCount; i++)
        {
            using var bitmap = new SKBitmap(32, 32);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(new SKColor((byte)(i * 11), (byte)(i * 5), (byte)(i * 23)));
                paint.Color = new SKColor(200, (byte)(i % 256), (byte)(255 - i % 256));
                canvas.DrawRect(i % 20, i / 20 % 20, 10, 10, paint);
            }
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(_gallery.Path, $"switch-{i:D4}.png"), data.ToArray());
        }
        var models = Path.Combine(_data.Path, "models");
        var installed = ModelFamilyFolders.Materialize(SecondModel, models);
        File.WriteAllText(Path.Combine(installed, ModelStore.CompletionMarker), DateTimeOffset.UtcNow.ToString("O"));
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        Host = await WebHostProcess.StartAsync(_data.Path, _gallery.Path, BrowserFixture.AdminKey,
            Path.Combine(BrowserFixture.ArtifactsDirectory, "switch-host.log"),
            environment: new Dictionary<string, string> { ["SemanticSearch__RateLimiting__Enabled"] = "false" });
        await Host.WaitForIndexedAsync(ImageCount, TimeSpan.FromMinutes(4));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        _data.Dispose();
        _gallery.Dispose();
    }
}
