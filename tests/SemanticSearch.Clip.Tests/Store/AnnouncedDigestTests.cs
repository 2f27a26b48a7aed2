using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Clip.Store;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Store;

/// <summary>
/// Pulls without pinned digests from a real HTTP server on 127.0.0.1 that announces each file's SHA-256 and size the
/// way Hugging Face does (<c>X-Linked-Etag</c>, <c>X-Linked-Size</c>, on a redirect to a CDN path).
/// </summary>
public sealed class AnnouncedDigestTests : IDisposable
{
    private const string Repository = "test-org/clip-demo";
    private const string ModelName = "test/clip-demo";
    private const string VisionFile = "onnx/vision_model.onnx";

    private readonly TempDirectory _temp = new("semsearch-announced");
    private readonly LocalFileServer _server;
    private readonly string _served;

    public AnnouncedDigestTests()
    {
        _served = _temp.Combine("server", "test-org", "clip-demo", "resolve", "main");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.DemoModel, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.DemoModel, file);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_served, relative))!);
            File.Copy(file, Path.Combine(_served, relative));
        }
        _server = new LocalFileServer(_temp.Combine("server")) { AnnounceDigests = true, RedirectLikeHuggingFace = true };
    }

    private string VisionUrlPath => $"/{Repository}/resolve/main/{VisionFile}";

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_file_whose_bytes_do_not_match_the_announced_digest_is_rejected_and_nothing_looks_installed()
    {
        // Hugging Face sometimes sends the ETag weak; the digest inside still counts.
        _server.AnnounceInstead(VisionUrlPath, $"W/\"{new string('0', 64)}\"", null);
        using var store = CreateStore();

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.PullAsync(ModelName));

        Assert.Contains(VisionFile, error.Message);
        Assert.Contains("X-Linked-Etag", error.Message);
        AssertNothingLooksInstalled(store);
    }

    [Fact]
    public async Task A_file_whose_size_does_not_match_the_announced_size_is_rejected_and_nothing_looks_installed()
    {
        _server.AnnounceInstead(VisionUrlPath, null, new FileInfo(Path.Combine(_served, VisionFile)).Length + 1);
        using var store = CreateStore();

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.PullAsync(ModelName));

        Assert.Contains(VisionFile, error.Message);
        Assert.Contains("X-Linked-Size", error.Message);
        AssertNothingLooksInstalled(store);
    }

    [Fact]
    public async Task A_pull_behind_a_redirect_is_checked_against_the_announced_digests_and_installed()
    {
        using var store = CreateStore();

        var folder = await store.PullAsync(ModelName);

        Assert.True(store.IsInstalled(ModelName));
        Assert.Contains(_server.Requests, r => r.Path == VisionUrlPath && r.Status == 302);
        Assert.Contains(_server.Requests, r => r.Path == "/cdn" + VisionUrlPath && r.Status == 200);
        var manifest = ModelManifest.TryRead(folder)!;
        foreach (var file in store.Find(ModelName)!.Files)
        {
            var recorded = Assert.Single(manifest.Files, f => f.Path == file.Path);
            Assert.Contains("announced sha256", recorded.Verification);
            Assert.Equal(Sha256Of(Path.Combine(_served, file.Path)), recorded.Sha256);
        }
        Assert.Empty(Directory.EnumerateFiles(folder, "*.announced", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_pull_interrupted_and_resumed_still_verifies_the_announced_digest()
    {
        _server.DropOnceAfter("/cdn" + VisionUrlPath, 100_000);
        using (var failing = CreateStore(maxAttempts: 1))
            await Assert.ThrowsAsync<ModelStoreException>(() => failing.PullAsync(ModelName));
        using var store = CreateStore();

        var folder = await store.PullAsync(ModelName);

        var last = _server.Requests.Last(r => r.Path == "/cdn" + VisionUrlPath);
        Assert.Equal(206, last.Status);
        var recorded = Assert.Single(ModelManifest.TryRead(folder)!.Files, f => f.Path == VisionFile);
        Assert.Contains("announced sha256", recorded.Verification);
        Assert.Equal(Sha256Of(Path.Combine(_served, VisionFile)), Sha256Of(Path.Combine(folder, VisionFile)));
    }

    [Fact]
    public async Task A_file_that_changed_on_the_server_between_attempts_is_downloaded_again_instead_of_spliced()
    {
        _server.DropOnceAfter("/cdn" + VisionUrlPath, 100_000);
        using (var failing = CreateStore(maxAttempts: 1))
            await Assert.ThrowsAsync<ModelStoreException>(() => failing.PullAsync(ModelName));
        // The revision moved on: same path, different bytes, so a different announced digest.
        var served = Path.Combine(_served, VisionFile);
        var bytes = File.ReadAllBytes(served);
        bytes[10] ^= 0x5A;
        File.WriteAllBytes(served, bytes);
        using var store = CreateStore();

        var folder = await store.PullAsync(ModelName);

        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder, VisionFile)));
        // The first attempt, then the resume that noticed the change, then the file again from byte 0.
        var fetches = _server.Requests.Where(r => r.Path == "/cdn" + VisionUrlPath).ToArray();
        Assert.Equal([null, null], fetches.Where(r => r.Range is null).Select(r => r.Range));
        Assert.Contains(fetches, r => r.Status == 206);
    }

    [Fact]
    public async Task The_registered_store_reads_the_digests_on_the_redirect_instead_of_following_it_blindly()
    {
        var settings = new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = _temp.Combine("data"),
            ["SemanticSearch:Models:BaseUrl"] = _server.BaseUrl,
            ["SemanticSearch:Models:Known:0:Name"] = ModelName,
            ["SemanticSearch:Models:Known:0:Repository"] = Repository,
        };
        var paths = ServedPaths();
        for (var i = 0; i < paths.Count; i++)
            settings[$"SemanticSearch:Models:Known:0:Files:{i}:Path"] = paths[i];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddClip(configuration).BuildServiceProvider();

        var folder = await services.GetRequiredService<ModelStore>().PullAsync(ModelName);

        var vision = Assert.Single(ModelManifest.TryRead(folder)!.Files, f => f.Path == VisionFile);
        Assert.Contains("announced sha256", vision.Verification);
    }

    [Fact]
    public async Task Small_files_are_checked_against_the_git_blob_id_the_server_announces()
    {
        _server.AnnounceGitBlobForJson = true;
        using (var store = CreateStore())
        {
            var folder = await store.PullAsync(ModelName);
            var config = Assert.Single(ModelManifest.TryRead(folder)!.Files, f => f.Path == "config.json");
            Assert.Contains("announced git blob", config.Verification);
            Directory.Delete(folder, recursive: true);
        }
        _server.AnnounceInstead($"/{Repository}/resolve/main/config.json", $"\"{new string('1', 40)}\"", null);
        using var again = CreateStore();

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => again.PullAsync(ModelName));

        Assert.Contains("config.json", error.Message);
        Assert.Contains("Git blob mismatch", error.Message);
        Assert.False(again.IsInstalled(ModelName));
        Assert.False(File.Exists(Path.Combine(again.InstallPath(ModelName) + ".partial", "config.json")));
    }

    private void AssertNothingLooksInstalled(ModelStore store)
    {
        Assert.False(store.IsInstalled(ModelName));
        Assert.False(Directory.Exists(store.InstallPath(ModelName)));
        var partial = store.InstallPath(ModelName) + ".partial";
        Assert.False(File.Exists(Path.Combine(partial, VisionFile)));
        Assert.False(File.Exists(Path.Combine(partial, VisionFile + ".download")));
        Assert.False(File.Exists(Path.Combine(partial, ModelManifest.FileName)));
        Assert.False(File.Exists(Path.Combine(partial, ModelStore.CompletionMarker)));
    }

    private ModelStore CreateStore(int maxAttempts = 3)
    {
        var files = ServedPaths().Select(p => new KnownModelFile { Path = p }).ToList();
        var options = new ModelStoreOptions
        {
            BaseUrl = _server.BaseUrl,
            MaxAttempts = maxAttempts,
            StallTimeoutSeconds = 10,
            Known = [new KnownModel { Name = ModelName, Repository = Repository, Revision = "main", Files = files }],
        };
        return new ModelStore(options, _temp.Combine("data", "models"));
    }

    private List<string> ServedPaths() =>
        Directory.EnumerateFiles(_served, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_served, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
