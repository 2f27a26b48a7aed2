using SemanticSearch.Tests.Shared;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real host over a gallery generated at test time and nothing else (the settings' demo gallery is left out, so the
/// admin page shows only this source and no failure for a folder the test does not have).
/// </summary>
public abstract class GeneratedGalleryHost(string name, int imageCount, TimeSpan indexTimeout) : IAsyncLifetime
{
    private readonly TempDirectory _gallery = new($"semsearch-e2e-{name}-gallery");
    private readonly TempDirectory _data = new($"semsearch-e2e-{name}-data");

    internal WebHostProcess Host { get; private set; } = default!;

    /// <summary>Writes image <paramref name="index"/> into <paramref name="folder"/>; every index gives content of its own.</summary>
    protected abstract void WriteImage(string folder, int index);

    public async Task InitializeAsync()
    {
        for (var i = 0; i < imageCount; i++)
            WriteImage(_gallery.Path, i);
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        Host = await WebHostProcess.StartAsync(_data.Path, _gallery.Path, BrowserFixture.AdminKey,
            Path.Combine(BrowserFixture.ArtifactsDirectory, $"{name}-host.log"), configuredSources: false);
        await Host.WaitForIndexedAsync(imageCount, indexTimeout);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        _data.Dispose();
        _gallery.Dispose();
    }
}
