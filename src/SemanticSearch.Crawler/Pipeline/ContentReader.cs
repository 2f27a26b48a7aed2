using SemanticSearch.Core.Imaging;
using SemanticSearch.Crawler.Files;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Reads an original file whole, once: the same bytes are hashed and decoded. Size and time are taken from the open
/// handle before and after reading, so a file rewritten while being read is noticed and read again, and a file
/// replaced by rename is described by the content actually read.
/// </summary>
internal sealed class ContentReader
{
    private const int Attempts = 3;

    /// <summary>Test seam: called with the path once the file is open and its size and time taken, before its bytes are read.</summary>
    internal Action<string>? AfterOpen { get; set; }

    /// <exception cref="ImageDecodeException">Kind Empty, TooLarge or Unreadable, with the reason.</exception>
    public async Task<FileContent> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var content = TryRead(path, maxBytes, cancellationToken);
            if (content is not null)
                return content;
            if (attempt == Attempts)
                throw new ImageDecodeException(ImageErrorKind.Unreadable,
                    $"{path} kept changing while it was read ({Attempts} attempts); it will be retried when it changes again.");
            await Task.Delay(50 * attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The content, or null when the file changed while it was read.</summary>
    private FileContent? TryRead(string path, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            // By the name's bytes: a name that is not UTF-8 is opened as the very file the scan found.
            using var handle = OriginalFiles.OpenRead(path);
            var length = RandomAccess.GetLength(handle);
            var before = File.GetLastWriteTimeUtc(handle);
            AfterOpen?.Invoke(path);
            if (length == 0)
                throw new ImageDecodeException(ImageErrorKind.Empty, $"{path} is empty (0 bytes).");
            if (length > maxBytes)
                throw new ImageDecodeException(ImageErrorKind.TooLarge, $"{path} has {length:N0} bytes, more than the {maxBytes:N0}-byte limit.");
            var bytes = new byte[length];
            var offset = 0;
            while (offset < bytes.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = RandomAccess.Read(handle, bytes.AsSpan(offset, (int)Math.Min(bytes.Length - offset, 1 << 20)), offset);
                if (read == 0)
                    return null; // Shrank under us.
                offset += read;
            }
            Span<byte> probe = stackalloc byte[1];
            if (RandomAccess.Read(handle, probe, length) != 0)
                return null; // Grew under us.
            if (File.GetLastWriteTimeUtc(handle) != before || RandomAccess.GetLength(handle) != length)
                return null;
            return new FileContent(bytes, length, Timestamps.Normalize(before));
        }
        catch (ImageDecodeException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex switch
            {
                UnauthorizedAccessException => $"{path} cannot be read: permission denied.",
                FileNotFoundException or DirectoryNotFoundException => $"{path} vanished before it could be read.",
                _ => $"{path} cannot be read: {ex.Message}",
            };
            throw new ImageDecodeException(ImageErrorKind.Unreadable, reason, ex);
        }
    }
}
