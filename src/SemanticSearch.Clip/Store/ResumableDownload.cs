using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace SemanticSearch.Clip.Store;

/// <summary>
/// Downloads one file to <c>{destination}.download</c>, resuming with an HTTP Range request after a broken transfer,
/// then checks it against everything known about it (pinned size and SHA-256 from the settings; the size, SHA-256 or git
/// blob id the server announced, see <see cref="AnnouncedFile"/>) and only then renames it to <paramref name="Destination"/>.
/// A file under its final name has therefore always been verified; one that fails a check is deleted, never resumed.
/// </summary>
internal sealed class ResumableDownload(HttpClient http, Uri url, string destination, KnownModelFile file, TimeSpan stallTimeout)
{
    private const int BufferSize = 1 << 20;
    private const int MaxRedirects = 5;

    public string Destination { get; } = destination;

    /// <summary>Which checks the file passed, for the manifest; empty when nothing was known to check against.</summary>
    public string Verification { get; private set; } = "";

    private string PartPath => Destination + ".download";

    /// <summary>Digest the server announced for the bytes in <see cref="PartPath"/>, kept so a resume can tell if the file changed.</summary>
    private string AnnouncedPath => Destination + ".announced";

    /// <summary>Downloads (or finishes) the file and returns its SHA-256; <paramref name="onProgress"/> gets the bytes on disk.</summary>
    public async Task<string> RunAsync(int maxAttempts, Action<long, long?> onProgress, CancellationToken ct)
    {
        if (File.Exists(Destination))
        {
            // Completed by an earlier, interrupted pull: only re-check it.
            var digest = await HashFileAsync(Destination, ct);
            if (file.Sha256 is null || digest.Equals(file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                // It only got its final name after passing every check of the attempt that fetched it.
                Verification = file.Sha256 is null ? "verified when first downloaded" : "pinned sha256";
                onProgress(new FileInfo(Destination).Length, file.Size);
                return digest;
            }
            File.Delete(Destination);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Destination)!);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await OnceAsync(onProgress, ct);
            }
            catch (Exception e) when (IsTransient(e, ct) && attempt < maxAttempts)
            {
                // Back off a little; the next try resumes from the bytes already on disk.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * (1 << (attempt - 1)))), ct);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                throw new ModelStoreException(
                    $"Downloading {url} failed {maxAttempts} times, last: {e.Message} Run the pull again to resume where it stopped.", e);
            }
        }
    }

    private async Task<string> OnceAsync(Action<long, long?> onProgress, CancellationToken ct)
    {
        long have = File.Exists(PartPath) ? new FileInfo(PartPath).Length : 0;
        if (file.Size is { } expected && have > expected)
        {
            File.Delete(PartPath);
            have = 0;
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stall.CancelAfter(stallTimeout);
        var (sent, announced) = await SendFollowingRedirectsAsync(have, stall.Token);
        using var response = sent;
        have = RestartIfTheAnnouncedFileChanged(have, announced);

        long? total;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when response.Content.Headers.ContentRange is { From: { } from } range && from == have:
                total = range.Length ?? file.Size;
                break;
            case HttpStatusCode.PartialContent:
                // A range we did not ask for: start over rather than splice bytes from the wrong place.
                File.Delete(PartPath);
                throw new IOException("The server resumed at an unexpected offset; restarting the file.");
            case HttpStatusCode.OK:
                // The server ignored the Range header and sends the whole file.
                have = 0;
                total = response.Content.Headers.ContentLength ?? file.Size;
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable when have > 0:
                // Usually the partial file is already whole; the digest check below decides.
                if (response.Content.Headers.ContentRange?.Length is { } length && length == have)
                    return await FinishAsync(have, announced, onProgress, ct);
                File.Delete(PartPath);
                throw new IOException("The server rejected the resume range; restarting the file.");
            case HttpStatusCode.NotFound:
                throw new ModelStoreException(
                    $"{url} does not exist (HTTP 404). Check the model's Repository, Revision and file Path in SemanticSearch:Models, or the --base-url.");
            default:
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                    throw new HttpRequestException($"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
                throw new ModelStoreException($"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        onProgress(have, total);
        await using (var body = await response.Content.ReadAsStreamAsync(stall.Token))
        await using (var output = new FileStream(PartPath, have > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
        {
            var buffer = new byte[BufferSize];
            while (true)
            {
                stall.CancelAfter(stallTimeout);
                var read = await body.ReadAsync(buffer, stall.Token);
                if (read == 0)
                    break;
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                have += read;
                onProgress(have, total);
            }
        }
        if (total is { } t && have != t)
            throw new IOException($"The transfer ended after {have} of {t} bytes.");
        return await FinishAsync(have, announced, onProgress, ct);
    }

    /// <summary>
    /// Sends the request and follows redirects by hand, because Hugging Face puts the file's digest and size on the
    /// redirect to its CDN, which an automatically followed redirect would hide. Never follows https to plain http.
    /// </summary>
    private async Task<(HttpResponseMessage Response, AnnouncedFile Announced)> SendFollowingRedirectsAsync(long have, CancellationToken ct)
    {
        var target = url;
        var announced = AnnouncedFile.None;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            if (have > 0)
                request.Headers.Range = new RangeHeaderValue(have, null);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            announced = announced.Then(AnnouncedFile.From(response));
            if ((int)response.StatusCode is < 300 or > 399 || response.StatusCode == HttpStatusCode.NotModified)
                return (response, announced);
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null || hop >= MaxRedirects)
                throw new ModelStoreException($"{url} redirected {(location is null ? "without a Location" : "too many times")}.");
            var next = location.IsAbsoluteUri ? location : new Uri(target, location);
            if (next.Scheme != Uri.UriSchemeHttps && (next.Scheme != Uri.UriSchemeHttp || target.Scheme != Uri.UriSchemeHttp))
                throw new ModelStoreException($"{url} redirected to {next.Scheme}:, which a pull does not follow.");
            target = next;
        }
    }

    /// <summary>
    /// Bytes already on disk belong to the file announced when they were fetched; if the server now announces a
    /// different file (the revision moved), splicing would produce garbage, so the file starts over.
    /// </summary>
    private long RestartIfTheAnnouncedFileChanged(long have, AnnouncedFile announced)
    {
        var previous = File.Exists(AnnouncedPath) ? File.ReadAllText(AnnouncedPath).Trim() : null;
        if (have > 0 && previous is not null && announced.Identity is not null && previous != announced.Identity)
        {
            File.Delete(PartPath);
            File.Delete(AnnouncedPath);
            throw new IOException($"The server now announces a different {file.Path}; restarting the file.");
        }
        if (announced.Identity is not null)
            File.WriteAllText(AnnouncedPath, announced.Identity);
        return have;
    }

    private async Task<string> FinishAsync(long have, AnnouncedFile announced, Action<long, long?> onProgress, CancellationToken ct)
    {
        if (file.Size is { } expected && have != expected)
            Reject($"{file.Path} ({url}) has {have} bytes but the settings expect {expected}.");
        if (announced.Size is { } announcedSize && have != announcedSize)
            Reject($"{file.Path} has {have} bytes but the server announced {announcedSize} (X-Linked-Size).");
        var digest = await HashFileAsync(PartPath, ct);
        if (file.Sha256 is { } want && !digest.Equals(want, StringComparison.OrdinalIgnoreCase))
        {
            Reject($"SHA-256 mismatch for {file.Path}: expected {want.ToLowerInvariant()}, got {digest}. "
                + "The server sent different bytes than the settings pin (corrupted download or a changed revision).");
        }
        if (announced.Sha256 is { } linked && digest != linked)
        {
            Reject($"SHA-256 mismatch for {file.Path}: the server announced {linked} (X-Linked-Etag), the download has {digest}. "
                + "The bytes were corrupted on the way.");
        }
        if (announced.GitBlobSha1 is { } blob && await GitBlobSha1Async(PartPath, have, ct) is var got && got != blob)
            Reject($"Git blob mismatch for {file.Path}: the server announced {blob} (ETag), the download hashes to {got}.");
        Verification = string.Join(", ", new[]
        {
            file.Sha256 is null ? null : "pinned sha256",
            announced.Sha256 is null ? null : "announced sha256",
            announced.GitBlobSha1 is null ? null : "announced git blob",
            file.Size is null && announced.Size is null ? null : "size",
        }.OfType<string>());
        File.Delete(AnnouncedPath);
        File.Move(PartPath, Destination, overwrite: true);
        onProgress(have, have);
        return digest;
    }

    /// <summary>Deletes the download (a wrong file must never be resumed) and fails the pull with <paramref name="reason"/>.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Reject(string reason)
    {
        File.Delete(PartPath);
        File.Delete(AnnouncedPath);
        throw new ModelStoreException($"{reason} The download was deleted and nothing was installed; run the pull again.");
    }

    private static async Task<string> GitBlobSha1Async(string path, long size, CancellationToken ct)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(System.Text.Encoding.ASCII.GetBytes($"blob {size}\0"));
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            sha1.AppendData(buffer, 0, read);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        ModelStoreException => false,
        OperationCanceledException => !ct.IsCancellationRequested, // the stall timer, not the caller
        HttpRequestException h => h.StatusCode is null || (int)h.StatusCode >= 500 || h.StatusCode == HttpStatusCode.TooManyRequests,
        IOException => true,
        _ => false,
    };
}
