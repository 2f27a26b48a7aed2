using System.Security.Cryptography;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Clip.Store;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Store;

/// <summary>Pulls copies of the demo model from a real HTTP server on 127.0.0.1.</summary>
public sealed class ModelStoreTests : IDisposable
{
    private const string Repository = "test-org/clip-demo";
    private const string ModelName = "test/clip-demo";
    private const string VisionFile = "onnx/vision_model.onnx";

    private readonly TempDirectory _temp = new("semsearch-store");
    private readonly LocalFileServer _server;
    private readonly string _served;

    public ModelStoreTests()
    {
        _served = _temp.Combine("server", "test-org", "clip-demo", "resolve", "main");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.DemoModel, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.DemoModel, file);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_served, relative))!);
            File.Copy(file, Path.Combine(_served, relative));
        }
        _server = new LocalFileServer(_temp.Combine("server"));
    }

    private string ModelsDir => _temp.Combine("data", "models");

    private string VisionUrlPath => $"/{Repository}/resolve/main/{VisionFile}";

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Pull_downloads_verifies_and_installs_a_loadable_model()
    {
        using var store = CreateStore(pinDigests: true);
        var reports = new List<ModelPullProgress>();
        var folder = await store.PullAsync(ModelName, new SynchronousProgress<ModelPullProgress>(reports.Add));

        Assert.Equal(store.InstallPath(ModelName), folder);
        Assert.True(store.IsInstalled(ModelName));
        Assert.False(Directory.Exists(folder + ".partial"));
        Assert.Empty(Directory.EnumerateFiles(folder, "*.download", SearchOption.AllDirectories));
        var manifest = ModelManifest.TryRead(folder);
        Assert.NotNull(manifest);
        foreach (var file in store.Find(ModelName)!.Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_served, file.Path)), File.ReadAllBytes(Path.Combine(folder, file.Path)));
            var recorded = Assert.Single(manifest.Files, f => f.Path == file.Path);
            Assert.Equal(file.Sha256, recorded.Sha256);
            Assert.True(recorded.Pinned);
            Assert.Contains(reports, r => r.File == file.Path && r.FileDone);
        }

        // The pulled folder is a working model that embeds exactly like the original.
        var options = new ClipModelOptions();
        using var pulled = ClipEmbeddingModel.Load(folder, options);
        using var original = ClipEmbeddingModel.Load(RepoPaths.DemoModel, options);
        Assert.Equal(original.Text.EncodeTexts(["a red circle"])[0], pulled.Text.EncodeTexts(["a red circle"])[0]);
    }

    [Fact]
    public async Task Pull_resumes_a_dropped_transfer_with_a_range_request()
    {
        _server.DropOnceAfter(VisionUrlPath, 100_000);
        using var store = CreateStore(pinDigests: true);

        var folder = await store.PullAsync(ModelName);

        var vision = _server.Requests.Where(r => r.Path == VisionUrlPath).ToArray();
        Assert.Equal(2, vision.Length);
        Assert.Null(vision[0].Range);
        Assert.Equal(206, vision[1].Status);
        Assert.StartsWith("bytes=", vision[1].Range);
        Assert.NotEqual("bytes=0-", vision[1].Range);
        Assert.Equal(Sha256Of(Path.Combine(_served, VisionFile)), Sha256Of(Path.Combine(folder, VisionFile)));
    }

    [Fact]
    public async Task Interrupted_pull_leaves_no_installed_model_and_the_next_pull_resumes()
    {
        _server.DropOnceAfter(VisionUrlPath, 100_000);
        using var store = CreateStore(pinDigests: true, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.PullAsync(ModelName));
        Assert.Contains("resume", error.Message);
        Assert.False(store.IsInstalled(ModelName));
        Assert.False(Directory.Exists(store.InstallPath(ModelName)));
        var partial = store.InstallPath(ModelName) + ".partial";
        Assert.True(new FileInfo(Path.Combine(partial, VisionFile + ".download")).Length > 0);
        Assert.False(File.Exists(Path.Combine(partial, VisionFile)));

        var folder = await store.PullAsync(ModelName);

        Assert.True(store.IsInstalled(ModelName));
        var last = _server.Requests.Last(r => r.Path == VisionUrlPath);
        Assert.Equal(206, last.Status);
        Assert.NotEqual("bytes=0-", last.Range);
        Assert.Equal(Sha256Of(Path.Combine(_served, VisionFile)), Sha256Of(Path.Combine(folder, VisionFile)));
    }

    [Fact]
    public async Task A_server_that_ignores_range_gets_the_file_restarted()
    {
        _server.IgnoreRange = true;
        _server.DropOnceAfter(VisionUrlPath, 100_000);
        using var store = CreateStore(pinDigests: true);

        var folder = await store.PullAsync(ModelName);

        var vision = _server.Requests.Where(r => r.Path == VisionUrlPath).ToArray();
        Assert.Equal(2, vision.Length);
        Assert.NotNull(vision[1].Range);
        Assert.Equal(200, vision[1].Status);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_served, VisionFile)), File.ReadAllBytes(Path.Combine(folder, VisionFile)));
    }

    [Fact]
    public async Task A_corrupted_file_is_rejected_and_nothing_is_installed()
    {
        using var store = CreateStore(pinDigests: true);
        var served = Path.Combine(_served, VisionFile);
        var bytes = File.ReadAllBytes(served);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(served, bytes);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.PullAsync(ModelName));

        Assert.Contains("SHA-256 mismatch", error.Message);
        Assert.Contains(VisionFile, error.Message);
        Assert.False(store.IsInstalled(ModelName));
        Assert.False(Directory.Exists(store.InstallPath(ModelName)));
        var partial = store.InstallPath(ModelName) + ".partial";
        Assert.False(File.Exists(Path.Combine(partial, VisionFile)));
        Assert.False(File.Exists(Path.Combine(partial, VisionFile + ".download")));
    }

    [Fact]
    public async Task A_missing_file_fails_with_a_clear_404_error()
    {
        using var store = CreateStore(pinDigests: false, extraFile: "onnx/not_there.onnx");

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.PullAsync(ModelName));

        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains($"{_server.BaseUrl}/{Repository}/resolve/main/onnx/not_there.onnx", error.Message);
        Assert.False(store.IsInstalled(ModelName));
        Assert.False(Directory.Exists(store.InstallPath(ModelName)));
    }

    [Fact]
    public async Task Unpinned_files_get_their_computed_digest_recorded()
    {
        using var store = CreateStore(pinDigests: false);

        var folder = await store.PullAsync(ModelName);

        var recorded = Assert.Single(ModelManifest.TryRead(folder)!.Files, f => f.Path == VisionFile);
        Assert.False(recorded.Pinned);
        Assert.Equal(Sha256Of(Path.Combine(_served, VisionFile)), recorded.Sha256);
    }

    [Fact]
    public async Task An_installed_model_is_not_downloaded_again()
    {
        using var store = CreateStore(pinDigests: true);
        await store.PullAsync(ModelName);
        var served = _server.Requests.Count;

        await store.PullAsync(ModelName);

        Assert.Equal(served, _server.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_name_lists_the_known_models()
    {
        using var store = CreateStore(pinDigests: false);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.PullAsync("nope/never"));

        Assert.Contains("nope/never", error.Message);
        Assert.Contains(ModelName, error.Message);
    }

    private ModelStore CreateStore(bool pinDigests, int maxAttempts = 3, string? extraFile = null)
    {
        var files = Directory.EnumerateFiles(_served, "*", SearchOption.AllDirectories)
            .Select(f => new KnownModelFile
            {
                Path = Path.GetRelativePath(_served, f).Replace('\\', '/'),
                Sha256 = pinDigests ? Sha256Of(f) : null,
                Size = pinDigests ? new FileInfo(f).Length : null,
            })
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        if (extraFile is not null)
            files.Add(new KnownModelFile { Path = extraFile });
        var options = new ModelStoreOptions
        {
            BaseUrl = _server.BaseUrl,
            MaxAttempts = maxAttempts,
            StallTimeoutSeconds = 10,
            Known = [new KnownModel { Name = ModelName, Repository = Repository, Revision = "main", Files = files }],
        };
        return new ModelStore(options, ModelsDir);
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
