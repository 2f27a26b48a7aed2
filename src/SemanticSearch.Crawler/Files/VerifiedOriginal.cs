using Microsoft.Win32.SafeHandles;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler.Files;

/// <summary>
/// An indexed original opened for serving, after checking at request time that it is still the file that was
/// indexed: a regular file whose real path (every link followed, read back from the open handle) lies inside the real
/// path of its source's root, with the size and modification time the catalog recorded. A file swapped for a link to
/// <c>/etc/shadow</c> after indexing fails every one of these.
/// </summary>
public sealed class VerifiedOriginal : IDisposable
{
    private VerifiedOriginal(SafeFileHandle handle, FileStatus status) => (Handle, Status) = (handle, status);

    /// <summary>The open file; owned by this object (or by a stream made with <see cref="OpenStream"/>).</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>Size and time of the open file (equal to the catalog's).</summary>
    public FileStatus Status { get; }

    /// <summary>Opens <paramref name="image"/>'s original, or says why it may not be served.</summary>
    /// <param name="followLinksOutside">The source may link outside its root (the crawler setting of the same name).</param>
    public static VerifiedOriginal? TryOpen(CatalogImage image, CatalogSource source, bool followLinksOutside, out string problem)
    {
        problem = "";
        if (image.Status != ImageStatus.Indexed || source.Kind != SourceKind.Folder || source.Id != image.SourceId)
        {
            problem = "it is not an indexed image of a folder source";
            return null;
        }
        SafeFileHandle? handle = null;
        try
        {
            var realRoot = OriginalFiles.RealPath(source.Location);
            handle = OriginalFiles.OpenRead(image.Location);
            var status = OriginalFiles.Status(handle);
            if (status.Kind != FileKind.File)
                problem = "it is no longer a regular file";
            else if (!followLinksOutside && !OriginalFiles.IsInside(OriginalFiles.RealPathOf(handle, image.Location), realRoot))
                problem = "it now lies outside its source";
            else if (status.Size != image.Size || status.Modified != image.Modified)
                problem = "it changed since it was indexed";
            else
                return new VerifiedOriginal(handle, status);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            problem = "it can no longer be read";
        }
        handle?.Dispose();
        return null;
    }

    /// <summary>A seekable stream over the file; disposing it closes the file.</summary>
    public FileStream OpenStream() => new(Handle, FileAccess.Read, bufferSize: 0);

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();
}
