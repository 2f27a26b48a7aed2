namespace SemanticSearch.Core.Search;

/// <summary>
/// One condition of a search filter: the single statement of what a filter means. The catalog's SQL, the check on a
/// catalog row and the vector index's in-memory filter columns all evaluate these, never the filter's fields.
/// </summary>
/// <param name="Kind">What is tested.</param>
/// <param name="Number">The id or instant (UTC ticks) compared with.</param>
/// <param name="Text">The prefix or format compared with.</param>
public sealed record FilterCondition(FilterConditionKind Kind, long Number = 0, string Text = "")
{
    /// <summary>The conditions a filter states, all of which an image must meet; empty for no filter.</summary>
    public static IReadOnlyList<FilterCondition> Of(SearchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var conditions = new List<FilterCondition>(5);
        if (filter.SourceId is { } source)
            conditions.Add(new(FilterConditionKind.SourceIs, Number: source));
        if (!string.IsNullOrEmpty(filter.FolderPrefix))
            conditions.Add(new(FilterConditionKind.LocationStartsWith, Text: filter.FolderPrefix));
        if (!string.IsNullOrEmpty(filter.Format))
            conditions.Add(new(FilterConditionKind.FormatIs, Text: filter.Format.ToLowerInvariant()));
        if (filter.TakenFrom is { } from)
            conditions.Add(new(FilterConditionKind.TakenFrom, Number: from.UtcTicks));
        if (filter.TakenTo is { } to)
            conditions.Add(new(FilterConditionKind.TakenBefore, Number: to.UtcTicks));
        return conditions;
    }

    /// <summary>True when every condition holds for the image.</summary>
    public static bool AllAccept(IReadOnlyList<FilterCondition> conditions, in ImageFilterValues image)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var condition in conditions)
        {
            if (!condition.Accepts(image))
                return false;
        }
        return true;
    }

    /// <summary>True when the image meets this condition. An image without a date taken meets no date condition.</summary>
    public bool Accepts(in ImageFilterValues image) => Kind switch
    {
        FilterConditionKind.SourceIs => image.SourceId == Number,
        FilterConditionKind.LocationStartsWith => image.Location.StartsWith(Text, StringComparison.Ordinal),
        FilterConditionKind.FormatIs => string.Equals(image.Format, Text, StringComparison.Ordinal),
        FilterConditionKind.TakenFrom => image.TakenTicks is { } taken && taken >= Number,
        FilterConditionKind.TakenBefore => image.TakenTicks is { } taken && taken < Number,
        _ => false,
    };
}
