using SemanticSearch.Core.Search;

namespace SemanticSearch.Bench.Scale;

/// <summary>One filtered measurement: a folder or a date range that matches about <see cref="Selectivity"/> of the images.</summary>
internal sealed record ScaleFilter(double Selectivity, string Kind, SearchFilter Filter)
{
    /// <summary>Folder and date-range filters at 0.1 %, 1 % and 10 %.</summary>
    public static IReadOnlyList<ScaleFilter> All(string root)
    {
        var filters = new List<ScaleFilter>();
        foreach (var (selectivity, folder) in new[] { (0.001, 2), (0.01, 1), (0.1, 0) })
            filters.Add(new ScaleFilter(selectivity, "folder", new SearchFilter(FolderPrefix: SyntheticImages.FolderPath(root, folder))));
        foreach (var selectivity in new[] { 0.001, 0.01, 0.1 })
        {
            // A window in the middle of the 20 years, so every selectivity is a contiguous range.
            var from = SyntheticImages.FirstDate + SyntheticImages.Span * 0.45;
            filters.Add(new ScaleFilter(selectivity, "date", new SearchFilter(TakenFrom: from, TakenTo: from + SyntheticImages.Span * selectivity)));
        }
        return filters;
    }
}
