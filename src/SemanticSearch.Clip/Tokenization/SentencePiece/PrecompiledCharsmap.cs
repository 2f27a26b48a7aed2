using System.Buffers.Binary;
using System.Text;

namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>
/// sentencepiece's compiled normalisation table: a little-endian trie size, a darts-clone double-array trie over UTF-8
/// keys, then the NUL-separated replacements. Read only to find the characters it deletes: nmt_nfkc drops most C0/C1
/// controls, and Microsoft.ML.Tokenizers keeps them (an empty replacement reads there as no match).
/// </summary>
internal static class PrecompiledCharsmap
{
    /// <summary>Every code point the table replaces with nothing; empty for an empty or unreadable table.</summary>
    public static IReadOnlySet<int> DeletedCodePoints(byte[] charsmap)
    {
        var deleted = new HashSet<int>();
        if (charsmap.Length < 4)
            return deleted;
        var trieSize = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(charsmap), (uint)(charsmap.Length - 4));
        var units = new uint[trieSize / 4];
        for (var i = 0; i < units.Length; i++)
            units[i] = BinaryPrimitives.ReadUInt32LittleEndian(charsmap.AsSpan(4 + i * 4));
        var replacements = charsmap.AsSpan(4 + trieSize);
        Span<byte> key = stackalloc byte[4];
        for (var cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (!Rune.IsValid(cp) || units.Length == 0)
                continue;
            var length = new Rune(cp).EncodeToUtf8(key);
            var value = ExactMatch(units, key[..length]);
            if (value >= 0 && value < replacements.Length && replacements[value] == 0)
                deleted.Add(cp);
        }
        return deleted;
    }

    /// <summary>darts-clone's exact-match search: the value stored for <paramref name="key"/>, or -1.</summary>
    private static int ExactMatch(uint[] units, ReadOnlySpan<byte> key)
    {
        uint position = 0;
        var unit = units[0];
        foreach (var b in key)
        {
            position ^= Offset(unit) ^ b;
            if (position >= units.Length)
                return -1;
            unit = units[position];
            if ((unit & ((1u << 31) | 0xFF)) != b)
                return -1;
        }
        if (((unit >> 8) & 1) == 0)
            return -1;
        position ^= Offset(unit);
        return position < units.Length ? (int)(units[position] & ((1u << 31) - 1)) : -1;
    }

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);
}
