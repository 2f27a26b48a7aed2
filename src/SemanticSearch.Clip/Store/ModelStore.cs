using System.Diagnostics;

namespace SemanticSearch.Clip.Store;

/// <summary>
/// Downloads known models into <c>&lt;data-dir&gt;/models/&lt;Name&gt;/</c>. Files land in a <c>&lt;Name&gt;.partial</c>
/// staging folder (kept between runs so a pull resumes), are verified, and the folder is renamed into place only once
/// everything is there and the completion marker is written, so a failed or interrupted pull never leaves a folder that
/// looks complete.
/// </summary>
public sealed class ModelStore : IDisposable
{
    /// <summary>File written last into a staging folder; a model folder without it is not installed.</summary>
    public const string CompletionMarker = ".semsearch-complete";

    private readonly ModelStoreOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a store over <paramref name="modelsDirectory"/> (usually <c>DataFolder.ModelsDirectory</c>).</summary>
    /// <param name="options">Known models and the download server.</param>
    /// <param name="modelsDirectory">Folder that holds one sub-folder per installed model.</param>
    /// <param name="http">Client to download with; one is created (and disposed with the store) when null.</param>
    public ModelStore(ModelStoreOptions options, string modelsDirectory, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDirectory);
        // Callers that bind the settings themselves (the CLI) get the same start-up check as the host.
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ModelStoreException("Invalid model settings: " + string.Join(" ", errors));
        _options = options;
        ModelsDirectory = Path.GetFullPath(modelsDirectory);
        _ownsHttp = http is null;
        // Redirects are followed by the download itself, which reads the digest Hugging Face puts on them.
        _http = http ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        // Large files take longer than any fixed request timeout; a stall timer per read guards instead.
        if (_ownsHttp)
            _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>Folder that holds the installed models.</summary>
    public string ModelsDirectory { get; }

    /// <summary>The models that can be pulled, as configured.</summary>
    public IReadOnlyList<KnownModel> Known => _options.Known;

    /// <summary>The known model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public KnownModel? Find(string name) =>
        _options.Known.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Folder a model is (or would be) installed in.</summary>
    public string InstallPath(string name) => Path.Combine(ModelsDirectory, SafeRelative(name));

    /// <summary>True when the model's folder exists and carries the completion marker.</summary>
    public bool IsInstalled(string name) => File.Exists(Path.Combine(InstallPath(name), CompletionMarker));

    /// <summary>
    /// Downloads a known model unless it is already installed (or <paramref name="force"/> is set) and returns its folder.
    /// Throws <see cref="ModelStoreException"/> with a readable reason when the pull fails; what was downloaded so far stays
    /// in the staging folder for the next attempt, except files that failed verification.
    /// </summary>
    public async Task<string> PullAsync(string name, IProgress<ModelPullProgress>? progress = null, bool force = false,
        CancellationToken cancellationToken = default)
    {
        var model = Find(name) ?? throw new ModelStoreException(
            $"Unknown model '{name}'. Known models: {string.Join(", ", _options.Known.Select(m => m.Name))} (`semsearch models list`).");
        if (model.Files.Count == 0)
            throw new ModelStoreException($"Model '{model.Name}' lists no files in SemanticSearch:Models.");
        var final = InstallPath(model.Name);
        if (IsInstalled(model.Name) && !force)
            return final;

        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        using var pullLock = AcquireLock(final + ".lock", model.Name);
        var staging = final + ".partial";
        Directory.CreateDirectory(staging);

        var files = new List<ModelManifestFile>();
        var stall = TimeSpan.FromSeconds(Math.Max(1, _options.StallTimeoutSeconds));
        for (var i = 0; i < model.Files.Count; i++)
        {
            var file = model.Files[i];
            var index = i;
            var url = FileUrl(model, file);
            var destination = Path.Combine(staging, SafeRelative(file.Path));
            var throttle = Stopwatch.StartNew();
            var download = new ResumableDownload(_http, url, destination, file, stall);
            var digest = await download.RunAsync(
                Math.Max(1, _options.MaxAttempts),
                (bytes, total) =>
                {
                    // Progress is throttled: a callback per buffer would flood a terminal.
                    if (throttle.ElapsedMilliseconds < 100 && bytes != total)
                        return;
                    throttle.Restart();
                    progress?.Report(new ModelPullProgress(model.Name, file.Path, index, model.Files.Count, bytes, total ?? file.Size, false));
                },
                cancellationToken);
            var size = new FileInfo(destination).Length;
            files.Add(new ModelManifestFile(file.Path, size, digest, file.Sha256 is not null) { Verification = download.Verification });
            progress?.Report(new ModelPullProgress(model.Name, file.Path, index, model.Files.Count, size, size, true));
        }

        new ModelManifest(model.Name, model.Repository, model.Revision, BaseUri().ToString(), DateTimeOffset.UtcNow, files).Write(staging);
        await File.WriteAllTextAsync(Path.Combine(staging, CompletionMarker), DateTimeOffset.UtcNow.ToString("O"), cancellationToken);
        Promote(staging, final);
        return final;
    }

    /// <summary>The download URL of one file: <c>{BaseUrl}/{Repository}/resolve/{Revision}/{Path}</c>.</summary>
    public Uri FileUrl(KnownModel model, KnownModelFile file)
    {
        var path = string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString));
        return new Uri(BaseUri(), $"{model.Repository.Trim('/')}/resolve/{Uri.EscapeDataString(model.Revision)}/{path}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    private Uri BaseUri() => new(_options.BaseUrl.TrimEnd('/') + "/");

    /// <summary>Moves the verified staging folder into place with one rename; an older install is swapped out first.</summary>
    private static void Promote(string staging, string final)
    {
        if (Directory.Exists(final))
        {
            var old = final + ".old-" + Guid.NewGuid().ToString("N")[..8];
            Directory.Move(final, old);
            Directory.Move(staging, final);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.Move(staging, final);
        }
    }

    private static FileStream AcquireLock(string path, string name)
    {
        try
        {
            // An exclusive handle: a second pull of the same model fails fast instead of mixing bytes.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new ModelStoreException($"Another pull of '{name}' is running (lock file '{path}').", e);
        }
    }

    /// <summary>Rejects names and paths that would escape the models folder.</summary>
    private static string SafeRelative(string relative)
    {
        var parts = relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => p is "." or ".." || p.EndsWith(".partial", StringComparison.Ordinal))
            || Path.IsPathRooted(relative))
            throw new ModelStoreException($"'{relative}' is not a valid model name or file path.");
        return Path.Combine(parts);
    }
}
