using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace SemanticSearch.Clip.Store;

/// <summary>
/// Downloads one file to <c>{destination}.download</c>, resuming with an HTTP Range request after a broken transfer,
/// then checks size and SHA-256 and only then renames it to <paramref name="Destination"/>. A file under its final name
/// has therefore always been verified.
/// </summary>
internal sealed class ResumableDownload(HttpClient http, Uri url, string destination, KnownModelFile file, TimeSpan stallTimeout)
{
    private const int BufferSize = 1 << 20;

    public string Destination { get; } = destination;

    private string PartPath => Destination + ".download";

    /// <summary>Downloads (or finishes) the file and returns its SHA-256; <paramref name="onProgress"/> gets the bytes on disk.</summary>
    public async Task<string> RunAsync(int maxAttempts, Action<long, long?> onProgress, CancellationToken ct)
    {
        if (File.Exists(Destination))
        {
            // Completed by an earlier, interrupted pull: only re-check it.
            var digest = await HashFileAsync(Destination, ct);
            if (file.Sha256 is null || digest.Equals(file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
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
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
            request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);

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
                    return await FinishAsync(have, onProgress, ct);
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
        return await FinishAsync(have, onProgress, ct);
    }

    private async Task<string> FinishAsync(long have, Action<long, long?> onProgress, CancellationToken ct)
    {
        if (file.Size is { } expected && have != expected)
        {
            File.Delete(PartPath);
            throw new ModelStoreException($"{url} has {have} bytes but the settings expect {expected}; the download was deleted.");
        }
        var digest = await HashFileAsync(PartPath, ct);
        if (file.Sha256 is { } want && !digest.Equals(want, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(PartPath);
            throw new ModelStoreException(
                $"SHA-256 mismatch for {file.Path}: expected {want.ToLowerInvariant()}, got {digest}. The file was deleted; "
                + "the server sent different bytes than the settings pin (corrupted download or a changed revision).");
        }
        File.Move(PartPath, Destination, overwrite: true);
        onProgress(have, have);
        return digest;
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
