namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// The 256 printable stand-ins CLIP (like GPT-2) uses for bytes in its byte-level vocabulary. Their order is the order
/// of the first 256 vocabulary ids: the printable Latin-1 bytes first, standing for themselves, then every other byte
/// in byte order, mapped onto code points from U+0100 upwards.
/// </summary>
internal static class ClipByteAlphabet
{
    /// <summary>The stand-in characters in vocabulary order (index = token id for ids 0..255).</summary>
    public static IReadOnlyList<char> SymbolsInVocabularyOrder { get; } = Build();

    private static char[] Build()
    {
        var symbols = new List<char>(256);
        var kept = new bool[256];
        foreach (var (first, last) in new[] { ('!', '~'), ('\u00A1', '\u00AC'), ('\u00AE', '\u00FF') })
        {
            for (var c = first; c <= last; c++)
            {
                kept[c] = true;
                symbols.Add(c);
            }
        }

        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            if (!kept[b])
                symbols.Add((char)next++);
        }

        return [.. symbols];
    }
}
