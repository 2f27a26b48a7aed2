using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// A search filter compiled against a snapshot of <see cref="ImageFilterColumns"/>: per candidate a few array reads.
/// Accepts only indexed images that meet every condition. Thread-safe (read-only after compiling).
/// </summary>
public sealed class ImageKeyFilter : IVectorKeyFilter
{
    private readonly ImageFilterArrays _arrays;
    private readonly FilterCondition[] _dateConditions;

    internal ImageKeyFilter(ImageFilterArrays arrays, IReadOnlyList<FilterCondition> conditions)
    {
        _arrays = arrays;
        _dateConditions = [.. conditions.Where(c => c.Kind is FilterConditionKind.TakenFrom or FilterConditionKind.TakenBefore)];
    }

    /// <summary>Per source code, whether the source conditions hold; null: none stated.</summary>
    internal bool[]? SourceAccepted { get; init; }

    /// <summary>Per format code, whether the format conditions hold; null: none stated.</summary>
    internal bool[]? FormatAccepted { get; init; }

    /// <summary>Per folder code, how the location conditions hold; null: none stated.</summary>
    internal FolderMatch[]? FolderState { get; set; }

    /// <summary>Images of a <see cref="FolderMatch.Some"/> folder that meet the location conditions.</summary>
    internal HashSet<long>? PartialIds { get; set; }

    /// <summary>The accepted keys in key order, at most <paramref name="max"/>: one pass over the compact columns.</summary>
    public List<long> MatchingKeys(int max)
    {
        var keys = new List<long>();
        var length = _arrays.Length;
        for (long key = 0; key < length && keys.Count < max; key++)
        {
            if (Accepts(key))
                keys.Add(key);
        }
        return keys;
    }

    /// <inheritdoc />
    public bool Accepts(long key)
    {
        var arrays = _arrays;
        if ((ulong)key >= (ulong)arrays.Length)
            return false; // unknown when compiled
        var source = Volatile.Read(ref arrays.Source[key]);
        if (source == 0 || !Holds(SourceAccepted, source) || !Holds(FormatAccepted, arrays.Format[key]))
            return false;
        if (FolderState is { } folders)
        {
            var folder = arrays.Folder[key];
            var state = folder < folders.Length ? folders[folder] : FolderMatch.None;
            if (state == FolderMatch.None || (state == FolderMatch.Some && PartialIds?.Contains(key) != true))
                return false;
        }
        if (_dateConditions.Length > 0)
        {
            var taken = arrays.Taken[key];
            var values = new ImageFilterValues(0, "", null, taken == ImageFilterArrays.NoDate ? null : taken);
            foreach (var condition in _dateConditions)
            {
                if (!condition.Accepts(values))
                    return false;
            }
        }
        return true;
    }

    // A code past the table was handed out after compiling: not accepted.
    private static bool Holds(bool[]? accepted, int code) => accepted is null || (code < accepted.Length && accepted[code]);
}
