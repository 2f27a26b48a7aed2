namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A crawled source.</summary>
/// <param name="Id">Catalog id.</param>
/// <param name="Kind">folder or web.</param>
/// <param name="Location">Folder path or URL.</param>
/// <param name="Enabled">Disabled sources are kept but not scanned.</param>
/// <param name="Watch">Folders: watched for changes.</param>
/// <param name="MaxDepth">Web: link depth followed.</param>
/// <param name="Added">When it was added.</param>
public sealed record SourceDto(long Id, string Kind, string Location, bool Enabled, bool Watch, int MaxDepth, DateTimeOffset Added)
{
    /// <summary>Its images in the catalog (indexed, waiting and failed).</summary>
    public long Images { get; init; }

    /// <summary>Of <see cref="Images"/>, those in the index.</summary>
    public long Indexed { get; init; }

    /// <summary>Of <see cref="Images"/>, those that failed.</summary>
    public long Failed { get; init; }

    /// <summary>When a run last listed the whole source; null before the first.</summary>
    public DateTimeOffset? LastScanned { get; init; }
}
