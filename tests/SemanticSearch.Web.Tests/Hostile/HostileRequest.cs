namespace SemanticSearch.Web.Tests.Hostile;

/// <summary>One request of the hostile corpus: a method, a URL as sent (already percent-encoded) and maybe a body.</summary>
public sealed record HostileRequest(string Method, string Url, string? ContentType = null, byte[]? Body = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Url, UriKind.Relative));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    /// <summary>Short enough to read in a failure message.</summary>
    public override string ToString() => $"{Method} {(Url.Length > 120 ? Url[..120] + "..." : Url)}";
}
