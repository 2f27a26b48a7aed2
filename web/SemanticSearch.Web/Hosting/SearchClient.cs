namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Whom the searches of this scope count against in <see cref="SearchAdmission"/>. In a request or a prerender that
/// is the request's client. A circuit outlives its requests and has no trustworthy HttpContext, so the app's root
/// component hands in the key of the request that rendered the page (a parameter the server protects).
/// </summary>
public sealed class SearchClient(IHttpContextAccessor accessor)
{
    private string? _key;

    /// <summary>The partition key; "unknown" only when neither a request nor the root component gave one.</summary>
    public string Key => _key ??= accessor.HttpContext is { } http ? SearchAdmission.ClientOf(http) : "unknown";

    /// <summary>Sets the key for a circuit, from the page request that started it.</summary>
    public void Use(string? key)
    {
        if (!string.IsNullOrEmpty(key))
            _key = key;
    }
}
