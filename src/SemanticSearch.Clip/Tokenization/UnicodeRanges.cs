namespace SemanticSearch.Clip.Tokenization;

/// <summary>Membership tests on small sorted tables of inclusive code-point ranges.</summary>
internal static class UnicodeRanges
{
    /// <summary>True when <paramref name="codePoint"/> lies in one of the sorted, non-overlapping <paramref name="ranges"/>.</summary>
    public static bool Contains(ReadOnlySpan<(int First, int Last)> ranges, int codePoint)
    {
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (codePoint < ranges[middle].First)
                high = middle - 1;
            else if (codePoint > ranges[middle].Last)
                low = middle + 1;
            else
                return true;
        }

        return false;
    }
}
