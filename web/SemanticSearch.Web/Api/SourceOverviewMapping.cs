using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary>Maps a source with its counts to its API contract.</summary>
public static class SourceOverviewMapping
{
    /// <summary>The source, its image counts and last scan.</summary>
    public static SourceDto ToDto(this SourceOverview overview) => overview.Source.ToDto() with
    {
        Images = overview.Images.Total,
        Indexed = overview.Images.Indexed,
        Failed = overview.Images.Failed,
    };
}
