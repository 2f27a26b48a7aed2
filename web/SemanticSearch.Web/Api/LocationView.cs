using Microsoft.AspNetCore.Authorization;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Web.Security;

namespace SemanticSearch.Web.Api;

/// <summary>
/// What one caller may see of where images live: an admin sees absolute server paths and failure reasons; anyone
/// else sees the location relative to its source and the source's name, so ids cannot be walked to map the server.
/// </summary>
public sealed class LocationView
{
    private readonly IReadOnlyDictionary<long, CatalogSource> _sources;

    private LocationView(bool isAdmin, IReadOnlyDictionary<long, CatalogSource> sources) => (IsAdmin, _sources) = (isAdmin, sources);

    /// <summary>True when the caller passes the admin policy.</summary>
    public bool IsAdmin { get; }

    /// <summary>The view for the caller of <paramref name="http"/>.</summary>
    public static async Task<LocationView> ForAsync(HttpContext http, ICatalogReader catalog)
    {
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var isAdmin = (await authorization.AuthorizeAsync(http.User, AdminAuth.Policy)).Succeeded;
        return new LocationView(isAdmin, catalog.GetSources().ToDictionary(s => s.Id));
    }

    /// <summary>The location to show.</summary>
    public string PathOf(CatalogImage image) =>
        IsAdmin ? image.Location : SourceDisplay.RelativeLocation(image, _sources.GetValueOrDefault(image.SourceId));

    /// <summary>The display name of the image's source.</summary>
    public string SourceNameOf(CatalogImage image) => SourceDisplay.NameOf(_sources.GetValueOrDefault(image.SourceId));

    /// <summary>The source with id <paramref name="id"/>, if there is one.</summary>
    public CatalogSource? SourceOf(long? id) => id is { } value ? _sources.GetValueOrDefault(value) : null;

    /// <summary>Why the image failed, for admins only.</summary>
    public string? FailureReasonOf(CatalogImage image) => IsAdmin ? image.FailureReason : null;
}
