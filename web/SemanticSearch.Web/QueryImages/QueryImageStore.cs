using Microsoft.Extensions.Options;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Web.QueryImages;

/// <summary>
/// Uploaded query images, kept in <c>&lt;data&gt;/query-images/&lt;sha256&gt;</c> for a limited time so an image
/// search can be a link (<c>/?image=&lt;id&gt;</c>). Callers store only images that already passed the upload checks
/// (size, sniffed type, pixel limit). Storing the same bytes again renews them. Each save sweeps out expired entries
/// and then the oldest until the count and byte limits hold; an expired entry is never handed out, swept or not.
/// </summary>
public sealed class QueryImageStore(DataFolder folder, IOptions<QueryImageOptions> options, TimeProvider time, ILogger<QueryImageStore> logger)
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>The folder that holds the images.</summary>
    public string Directory { get; } = Path.Combine(folder.Root, "query-images");

    /// <summary>Stores <paramref name="data"/> and returns its id; null when the data folder cannot be written.</summary>
    public async Task<string?> SaveAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var id = QueryImageId.Of(data.Span);
        var path = PathOf(id);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            if (!File.Exists(path))
            {
                // Written aside and moved in, so a reader never sees half an image.
                var partial = path + ".partial";
                await File.WriteAllBytesAsync(partial, data.ToArray(), cancellationToken);
                File.Move(partial, path, overwrite: true);
            }
            File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
            Sweep(keep: id);
            return id;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("A query image could not be kept in {Folder}; its search cannot be shared as a link: {Reason}", Directory, e.Message);
            return null;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>The bytes stored as <paramref name="id"/>; null when there are none or they expired.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid id (check with <see cref="QueryImageId.IsValid"/>).</exception>
    public async Task<byte[]?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!QueryImageId.IsValid(id))
            throw new ArgumentException(QueryImageId.Describe(id), nameof(id));
        var file = new FileInfo(PathOf(id));
        if (!file.Exists || IsExpired(file))
            return null;
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null; // swept in between
        }
    }

    /// <summary>Deletes expired entries, then the oldest until the limits hold; returns how many were deleted.</summary>
    public int Sweep() => Sweep(keep: null);

    private int Sweep(string? keep)
    {
        if (!System.IO.Directory.Exists(Directory))
            return 0;
        var settings = options.Value;
        var entries = new DirectoryInfo(Directory).EnumerateFiles()
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ToList();
        var deleted = 0;
        var count = 0;
        long bytes = 0;
        foreach (var file in entries)
        {
            var isEntry = QueryImageId.IsValid(file.Name);
            var fits = isEntry && !IsExpired(file) && count < settings.MaxCount && bytes + file.Length <= settings.MaxBytes;
            if (fits || file.Name == keep)
            {
                count++;
                bytes += file.Length;
                continue;
            }
            // Leftovers of an interrupted write are removed once they are old; anything else is not ours to touch.
            if (!isEntry && !(file.Name.EndsWith(".partial", StringComparison.Ordinal) && IsExpired(file)))
                continue;
            try
            {
                file.Delete();
                deleted++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("An old query image {File} could not be deleted: {Reason}", file.FullName, e.Message);
            }
        }
        return deleted;
    }

    private bool IsExpired(FileInfo file) =>
        time.GetUtcNow().UtcDateTime - file.LastWriteTimeUtc >= options.Value.Keep;

    private string PathOf(string id) => Path.Combine(Directory, id);
}
