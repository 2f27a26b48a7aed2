using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>
/// A small gallery for web tests: two or three images of each of ten colour/shape combinations copied from
/// <c>demo-gallery/</c> (named like <c>red-circle-012.jpg</c>) into a temp folder, plus one held-back image per
/// combination that is not in the gallery (a query image whose best matches are known).
/// </summary>
internal sealed class FixtureGallery : IDisposable
{
    /// <summary>Combinations with distinct colours and shapes, so each text query has one right answer.</summary>
    public static readonly string[] Combinations =
    [
        "red-circle", "blue-square", "green-star", "yellow-heart", "purple-hexagon",
        "orange-cross", "pink-diamond", "black-triangle", "white-star", "brown-circle",
    ];

    private const int PerCombination = 3;
    private readonly TempDirectory _folder = new("semsearch-web-gallery");

    public FixtureGallery()
    {
        if (!Directory.Exists(RepoPaths.DemoGallery))
            throw new InvalidOperationException($"The demo gallery is missing at {RepoPaths.DemoGallery}.");
        var byCombination = Directory.EnumerateFiles(RepoPaths.DemoGallery)
            .Where(f => f.EndsWith(".jpg", StringComparison.Ordinal) || f.EndsWith(".png", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .GroupBy(CombinationOf)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var combination in Combinations)
        {
            if (!byCombination.TryGetValue(combination, out var files) || files.Count < 3)
                throw new InvalidOperationException($"The demo gallery has fewer than 3 images of {combination}.");
            var kept = Math.Min(PerCombination, files.Count - 1);
            foreach (var file in files.Take(kept))
            {
                var target = _folder.Combine(Path.GetFileName(file));
                File.Copy(file, target);
                Files.Add(target);
            }
            HeldBack[combination] = files[kept];
        }
    }

    /// <summary>The gallery folder (a source for the host under test).</summary>
    public string Folder => _folder.Path;

    /// <summary>Every image in <see cref="Folder"/>.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Per combination, a demo image of it that is not in the gallery.</summary>
    public Dictionary<string, string> HeldBack { get; } = [];

    /// <summary>"red-circle" for ".../red-circle-012.jpg".</summary>
    public static string CombinationOf(string path)
    {
        var parts = Path.GetFileNameWithoutExtension(path).Split('-');
        return parts.Length >= 3 ? $"{parts[0]}-{parts[1]}" : "";
    }

    public void Dispose() => _folder.Dispose();
}
