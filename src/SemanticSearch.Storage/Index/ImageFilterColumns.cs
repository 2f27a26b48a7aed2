using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// The fields search filters test (source, folder, format, date taken) of every indexed image, packed in arrays indexed
/// by image id: about 20 bytes an image, so a filtered search can ask per graph candidate without touching SQLite.
/// Owned by <see cref="VectorIndexStore"/>, built from the catalog when the index is opened and updated with every write
/// it applies. One writer; readers take a snapshot (<see cref="Compile"/>) and read without locking.
/// </summary>
public sealed class ImageFilterColumns
{
    private readonly Lock _gate = new();
    private readonly Func<string, IReadOnlyCollection<long>> _idsWithLocationPrefix;
    private readonly ValueCodes<long> _sources = new();
    private readonly ValueCodes<string> _folders = new();
    private readonly ValueCodes<string> _formats = new();
    private ImageFilterArrays _arrays = new(0);
    private long _count;

    /// <summary>
    /// <paramref name="idsWithLocationPrefix"/> lists the indexed images whose location starts with a prefix; it is
    /// asked only for a prefix that ends inside file names (the columns know folders, not names).
    /// </summary>
    public ImageFilterColumns(Func<string, IReadOnlyCollection<long>> idsWithLocationPrefix)
    {
        ArgumentNullException.ThrowIfNull(idsWithLocationPrefix);
        _idsWithLocationPrefix = idsWithLocationPrefix;
    }

    /// <summary>Images held.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>True when the image is held (indexed).</summary>
    public bool Contains(long id)
    {
        var arrays = Volatile.Read(ref _arrays);
        return (ulong)id < (ulong)arrays.Length && Volatile.Read(ref arrays.Source[id]) != 0;
    }

    /// <summary>Records (or replaces) an indexed image's fields.</summary>
    public void Set(long id, ImageFilterValues values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Array.MaxLength);
        lock (_gate)
        {
            var arrays = _arrays;
            if (id >= arrays.Length)
                _arrays = arrays = arrays.GrownTo((int)Math.Min(Array.MaxLength, Math.Max(id + 1, 2L * arrays.Length)));
            var wasHeld = arrays.Source[id] != 0;
            arrays.Folder[id] = _folders.CodeOf(FolderOf(values.Location));
            arrays.Format[id] = values.Format is { } format ? _formats.CodeOf(format) : 0;
            arrays.Taken[id] = values.TakenTicks ?? ImageFilterArrays.NoDate;
            // Written last: a reader that sees the image held sees its other fields.
            Volatile.Write(ref arrays.Source[id], _sources.CodeOf(values.SourceId));
            if (!wasHeld)
                Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Forgets an image (deleted, failed, or re-queued).</summary>
    public void Remove(long id)
    {
        lock (_gate)
        {
            var arrays = _arrays;
            if ((ulong)id >= (ulong)arrays.Length || arrays.Source[id] == 0)
                return;
            Volatile.Write(ref arrays.Source[id], 0);
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Forgets every image (a model change empties the index).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _arrays = new ImageFilterArrays(0);
            Interlocked.Exchange(ref _count, 0);
        }
    }

    /// <summary>
    /// Turns a filter into a per-key check over a snapshot of the columns: each condition is evaluated once per
    /// distinct source, folder and format, and per image only for dates. Images written after this call are rejected.
    /// </summary>
    public ImageKeyFilter Compile(SearchFilter filter)
    {
        var conditions = FilterCondition.Of(filter);
        ImageKeyFilter compiled;
        List<string> partialPrefixes;
        lock (_gate)
        {
            compiled = new ImageKeyFilter(_arrays, conditions)
            {
                SourceAccepted = Accepted(conditions, FilterConditionKind.SourceIs, _sources.Count,
                    code => new ImageFilterValues(_sources[code], "", null, null)),
                FormatAccepted = Accepted(conditions, FilterConditionKind.FormatIs, _formats.Count,
                    code => new ImageFilterValues(0, "", code == 0 ? null : _formats[code], null)),
            };
            (compiled.FolderState, partialPrefixes) = FolderStates(conditions);
        }
        // Outside the lock: the catalog is asked only for a prefix that cuts into file names (one folder's worth).
        foreach (var prefix in partialPrefixes)
        {
            var ids = _idsWithLocationPrefix(prefix);
            if (compiled.PartialIds is null)
                compiled.PartialIds = [.. ids];
            else
                compiled.PartialIds.IntersectWith(ids);
        }
        return compiled;
    }

    /// <summary>The folder part of a location: up to and including its last '/' or '\'.</summary>
    internal static string FolderOf(string location) => location[..(location.AsSpan().LastIndexOfAny('/', '\\') + 1)];

    private static bool[]? Accepted(IReadOnlyList<FilterCondition> conditions, FilterConditionKind kind, int codes,
        Func<int, ImageFilterValues> valuesOf)
    {
        var relevant = conditions.Where(c => c.Kind == kind).ToList();
        if (relevant.Count == 0)
            return null;
        var accepted = new bool[codes + 1];
        for (var code = 0; code <= codes; code++)
            accepted[code] = (code > 0 || kind == FilterConditionKind.FormatIs) && FilterCondition.AllAccept(relevant, valuesOf(code));
        return accepted;
    }

    /// <summary>Per folder code: whether all, none or some (by file name) of its images meet the location conditions.</summary>
    private (FolderMatch[]? States, List<string> PartialPrefixes) FolderStates(IReadOnlyList<FilterCondition> conditions)
    {
        var relevant = conditions.Where(c => c.Kind == FilterConditionKind.LocationStartsWith).ToList();
        var partialPrefixes = new List<string>();
        if (relevant.Count == 0)
            return (null, partialPrefixes);
        var states = new FolderMatch[_folders.Count + 1];
        for (var code = 1; code <= _folders.Count; code++)
        {
            var folder = _folders[code];
            var state = FolderMatch.All;
            foreach (var condition in relevant)
            {
                if (condition.Accepts(new ImageFilterValues(0, folder, null, null)))
                    continue; // the folder starts with the prefix, so every location in it does
                var rest = condition.Text.AsSpan();
                state = rest.StartsWith(folder, StringComparison.Ordinal) && rest[folder.Length..].IndexOfAny('/', '\\') < 0
                    ? state == FolderMatch.None ? FolderMatch.None : FolderMatch.Some // the prefix ends inside this folder's names
                    : FolderMatch.None;
                if (state == FolderMatch.Some && !partialPrefixes.Contains(condition.Text))
                    partialPrefixes.Add(condition.Text);
            }
            states[code] = state;
        }
        return (states, partialPrefixes);
    }
}
