using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Web.QueryImages;

namespace SemanticSearch.Web.Api;

/// <summary>Resolves the <c>image</c> parameter of <c>GET /api/search</c> to the bytes of a stored query image.</summary>
public static class StoredQueryImage
{
    /// <summary>The stored bytes, or a problem: 400 for a malformed id, 404 for an unknown or expired one.</summary>
    public static async Task<(byte[]? Data, ProblemHttpResult? Problem)> LoadAsync(
        string id, QueryImageStore store, QueryImageOptions options, CancellationToken cancellationToken)
    {
        if (!QueryImageId.IsValid(id))
            return (null, ApiProblems.BadRequest(QueryImageId.Describe(id)));
        var data = await store.LoadAsync(id, cancellationToken);
        return data is null
            ? (null, ApiProblems.NotFound(NotKept(id, options)))
            : (data, null);
    }

    /// <summary>Why an id has no image: unknown, or older than the time images are kept.</summary>
    public static string NotKept(string id, QueryImageOptions options) =>
        $"No query image {id[..12]}… is kept: uploads are kept for {options.KeepHours} hours. Search with the image again to get a new link.";
}
