using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Writes thumbnails under the data folder's thumbnails/, named by content hash: identical images share one file,
/// and a moved image keeps its thumbnail for free. Paths handed out are relative to the data folder.
/// </summary>
internal sealed class ThumbnailStore(DataFolder dataFolder, IThumbnailEncoder encoder, int maxSide)
{
    /// <summary>The relative path for content with this hash ("thumbnails/ab/abcdef….webp").</summary>
    public string RelativePath(string contentHash) => $"thumbnails/{contentHash[..2]}/{contentHash}{encoder.Extension}";

    /// <summary>
    /// True when a write failed because nothing can be written in the data folder: permission denied, a read-only
    /// file system (EROFS, 30) or a full disk (ENOSPC, 28), rather than something about one file.
    /// </summary>
    public static bool MeansFolderUnwritable(Exception e) =>
        e is UnauthorizedAccessException || (e is IOException && (e.HResult & 0xFFFF) is 30 or 28 or 0x70 or 0x27);

    /// <summary>Whether the thumbnail of content with this hash is on disk.</summary>
    public bool Exists(string contentHash) => File.Exists(Path.Combine(dataFolder.Root, RelativePath(contentHash)));

    /// <summary>Writes the thumbnail unless it exists (or <paramref name="overwrite"/>) and returns its relative path.</summary>
    public string Write(string contentHash, RgbImage image, bool overwrite)
    {
        var relative = RelativePath(contentHash);
        var full = Path.Combine(dataFolder.Root, relative);
        if (!overwrite && File.Exists(full))
            return relative;
        var bytes = encoder.Encode(image, maxSide);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Temp file + rename: a crash never leaves a half-written thumbnail under the final name. No fsync: this is
        // derived data, and the rename alone is enough for a killed process.
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
        return relative;
    }
}
