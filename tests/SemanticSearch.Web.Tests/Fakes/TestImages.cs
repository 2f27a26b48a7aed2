using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Web.Tests.Fakes;

/// <summary>Catalog rows and hits for component tests.</summary>
internal static class TestImages
{
    public static CatalogImage Image(long id, string name = "red-circle-001.jpg") => new(
        id, SourceId: 1, Location: "/photos/" + name, Size: 12_345, Modified: DateTimeOffset.UnixEpoch, ContentHash: $"{id:x16}abcdef",
        Width: 64, Height: 48, Format: "jpeg", DateTaken: new DateTimeOffset(2024, 5, 31, 12, 0, 0, TimeSpan.Zero), Camera: null,
        Status: ImageStatus.Indexed, FailureKind: null, FailureReason: null, ModelId: "clip-demo", ThumbnailPath: $"thumbnails/{id}.webp",
        FirstSeen: DateTimeOffset.UnixEpoch, Updated: DateTimeOffset.UnixEpoch);

    public static SearchHit Hit(long id, float score, string? name = null) => new(Image(id, name ?? $"image-{id:000}.jpg"), score);
}
