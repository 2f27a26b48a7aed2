using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SemanticSearch.Web.Api;

/// <summary>
/// Reads an uploaded image from a multipart form (field <c>file</c>, or the first file) or from the raw body, never
/// holding more than the limit in memory. The bytes are not trusted: the decoder sniffs the actual format.
/// </summary>
public static class UploadReader
{
    // Room for multipart boundaries and part headers around a file at the size limit.
    private const long MultipartOverhead = 64 * 1024;

    /// <summary>The upload's bytes, or a problem (empty, missing file part, over the limit).</summary>
    public static async Task<(byte[]? Data, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = maxBytes + MultipartOverhead;
        if (request.ContentLength > maxBytes + (request.HasFormContentType ? MultipartOverhead : 0))
            return (null, ApiProblems.TooLarge(maxBytes));

        try
        {
            return request.HasFormContentType
                ? await ReadFormFileAsync(request, maxBytes, cancellationToken)
                : await ReadBodyAsync(request.Body, maxBytes, cancellationToken);
        }
        catch (InvalidDataException)
        {
            // Multipart limits exceeded, or a malformed form.
            return (null, ApiProblems.BadRequest($"The multipart form could not be read, or its file is over {maxBytes / (1024 * 1024.0):0.#} MB."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.TooLarge(maxBytes));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return (null, ApiProblems.TooSlow("The upload arrived too slowly; the server stopped waiting for it."));
        }
        catch (BadHttpRequestException e)
        {
            return (null, ApiProblems.BadRequest($"The upload could not be read: {e.Message}"));
        }
        catch (IOException) when (request.HasFormContentType)
        {
            // The body ended before the closing boundary: wrong boundary, cut off, or not multipart at all.
            return (null, ApiProblems.BadRequest(
                "The multipart form is malformed: its parts do not match the boundary in the Content-Type header, or it ends before the closing boundary."));
        }
    }

    private static async Task<(byte[]?, ProblemHttpResult?)> ReadFormFileAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes + MultipartOverhead }, cancellationToken);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null)
            return (null, ApiProblems.BadRequest("The form has no file: send the image in a multipart field named 'file', or as the raw request body."));
        if (file.Length > maxBytes)
            return (null, ApiProblems.TooLarge(maxBytes));
        if (file.Length == 0)
            return (null, ApiProblems.BadRequest("The uploaded file is empty."));
        await using var stream = file.OpenReadStream();
        return await ReadBodyAsync(stream, maxBytes, cancellationToken);
    }

    private static async Task<(byte[]?, ProblemHttpResult?)> ReadBodyAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (null, ApiProblems.TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return (null, ApiProblems.BadRequest("The upload is empty: send an image as the request body or as a multipart file."));
        return (buffer.ToArray(), null);
    }
}
