using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// Splits cleaned text into the words CLIP's pattern finds:
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>,
/// compiled by Python's <c>regex</c> module with IGNORECASE. A .NET <see cref="System.Text.RegularExpressions.Regex"/>
/// (and so the library's <see cref="RegexPreTokenizer"/>) cannot reproduce it: .NET matches <c>\p{L}</c> per UTF-16 unit,
/// so letters outside the BMP never match, and IGNORECASE adds Python's folding quirks (<c>'ſ</c> matches <c>'s</c>;
/// U+0345, whose case fold is a letter, matches no branch at all). This scanner walks code points instead. Special
/// tokens are recognised only where the pattern would: at the start of a match, not inside a run of punctuation.
/// </summary>
internal sealed class ClipPreTokenizer : PreTokenizer
{
    /// <summary>The one instance; it holds no state.</summary>
    public static ClipPreTokenizer Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text);
    }

    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text.ToString());

    /// <summary>The words of <paramref name="text"/> as (offset, length) pairs in UTF-16 units.</summary>
    public static List<(int Offset, int Length)> Split(string text)
    {
        var words = new List<(int Offset, int Length)>();
        var index = 0;
        while (index < text.Length)
        {
            var length = MatchSpecialOrContraction(text, index);
            if (length > 0)
            {
                words.Add((index, length));
                index += length;
                continue;
            }

            var @class = Classify(text, index, out var size);
            switch (@class)
            {
                case ClipCharacterClass.Number:
                    words.Add((index, size));
                    index += size;
                    break;
                case ClipCharacterClass.Letter:
                case ClipCharacterClass.Other:
                    var end = index + size;
                    while (end < text.Length && Classify(text, end, out var next) == @class)
                        end += next;
                    words.Add((index, end - index));
                    index = end;
                    break;
                default:
                    index += size;
                    break;
            }
        }

        return words;
    }

    /// <summary>Classifies the code point at <paramref name="index"/> as the pattern does; <paramref name="size"/> is
    /// its length in UTF-16 units.</summary>
    public static ClipCharacterClass Classify(string text, int index, out int size)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out size) != System.Buffers.OperationStatus.Done)
            return ClipCharacterClass.Other;
        return Classify(rune);
    }

    /// <summary>Classifies one code point as the pattern does.</summary>
    public static ClipCharacterClass Classify(Rune rune)
    {
        if (rune.IsBmp && PythonWhitespace.IsRegexWhitespace((char)rune.Value))
            return ClipCharacterClass.Skipped;
        if (rune.Value == 0x0345)
            return ClipCharacterClass.Skipped;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => ClipCharacterClass.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => ClipCharacterClass.Number,
            _ => ClipCharacterClass.Other,
        };
    }

    // The literal branches, tried in the pattern's order. Only 's' has another case-insensitive match (U+017F, long s)
    // among their letters; the text is already lower-case, so upper-case forms cannot occur.
    private static readonly string[] LiteralBranches =
        ["<|startoftext|>", "<|endoftext|>", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    private static int MatchSpecialOrContraction(string text, int index)
    {
        var first = text[index];
        if (first != '<' && first != '\'')
            return 0;
        foreach (var literal in LiteralBranches)
        {
            if (literal[0] == first && MatchesIgnoringCase(text, index, literal))
                return literal.Length;
        }

        return 0;
    }

    private static bool MatchesIgnoringCase(string text, int index, string literal)
    {
        if (text.Length - index < literal.Length)
            return false;
        for (var i = 0; i < literal.Length; i++)
        {
            var c = text[index + i];
            if (c != literal[i] && !(literal[i] == 's' && c == '\u017F'))
                return false;
        }

        return true;
    }
}
