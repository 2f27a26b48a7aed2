using System.Globalization;
using System.Text;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// Python's <c>str.lower</c>: Unicode full lower-case mapping, which differs from .NET's invariant simple mapping in two
/// places that matter for CLIP: U+0130 (capital I with dot) becomes two code points, "i" + U+0307, and capital sigma
/// becomes final sigma (U+03C2) at the end of a word (the Final_Sigma rule of Unicode's SpecialCasing.txt).
/// </summary>
internal static class PythonLowerCase
{
    private const int CapitalSigma = 0x03A3;

    /// <summary>Lower-cases <paramref name="text"/> exactly as Python 3 does.</summary>
    public static string Lower(string text)
    {
        var builder = new StringBuilder(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            switch (rune.Value)
            {
                case 0x0130:
                    builder.Append("i\u0307");
                    break;
                case CapitalSigma:
                    builder.Append(IsFinalSigma(text, index, consumed) ? '\u03C2' : '\u03C3');
                    break;
                default:
                    builder.AppendRune(Rune.ToLowerInvariant(rune));
                    break;
            }

            index += consumed;
        }

        return builder.ToString();
    }

    // Final_Sigma: a cased letter before (skipping case-ignorable characters) and no cased letter after (likewise).
    private static bool IsFinalSigma(string text, int index, int length)
    {
        var before = index;
        var foundCasedBefore = false;
        while (before > 0)
        {
            var rune = RuneBefore(text, before, out var size);
            before -= size;
            if (IsCaseIgnorable(rune))
                continue;
            foundCasedBefore = IsCased(rune);
            break;
        }

        if (!foundCasedBefore)
            return false;

        var after = index + length;
        while (after < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(after), out var rune, out var size);
            after += size;
            if (IsCaseIgnorable(rune))
                continue;
            return !IsCased(rune);
        }

        return true;
    }

    private static Rune RuneBefore(string text, int end, out int size)
    {
        Rune.DecodeLastFromUtf16(text.AsSpan(0, end), out var rune, out size);
        return rune;
    }

    /// <summary>Unicode's Cased property: Lowercase, Uppercase or titlecase letters, including the Other_Lowercase and
    /// Other_Uppercase characters (modifier letters, circled and Roman-numeral letters) that are not in category L.</summary>
    internal static bool IsCased(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter)
            return true;
        return UnicodeRanges.Contains(OtherCased, rune.Value);
    }

    /// <summary>Unicode's Case_Ignorable property: categories Mn, Me, Cf, Lm, Sk, plus the word-break classes
    /// MidLetter, MidNumLet and Single_Quote (apostrophes, full stops, colons, middle dots).</summary>
    internal static bool IsCaseIgnorable(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol)
        {
            return true;
        }

        return UnicodeRanges.Contains(WordBreakIgnorable, rune.Value);
    }

    // Other_Lowercase and Other_Uppercase code points outside categories Lu/Ll/Lt (Unicode PropList.txt), sorted ranges.
    private static readonly (int First, int Last)[] OtherCased =
    [
        (0x00AA, 0x00AA), (0x00BA, 0x00BA), (0x02B0, 0x02B8), (0x02C0, 0x02C1), (0x02E0, 0x02E4), (0x0345, 0x0345),
        (0x037A, 0x037A), (0x10FC, 0x10FC), (0x1D2C, 0x1D6A), (0x1D78, 0x1D78), (0x1D9B, 0x1DBF), (0x2071, 0x2071),
        (0x207F, 0x207F), (0x2090, 0x209C), (0x2160, 0x217F), (0x24B6, 0x24E9), (0x2C7C, 0x2C7D), (0xA69C, 0xA69D),
        (0xA770, 0xA770), (0xA7F8, 0xA7F9), (0xAB5C, 0xAB5F), (0x10780, 0x10780), (0x10783, 0x10785),
        (0x10787, 0x107B0), (0x107B2, 0x107BA), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189),
    ];

    // Word_Break MidLetter, MidNumLet and Single_Quote (Unicode WordBreakProperty.txt), sorted ranges.
    private static readonly (int First, int Last)[] WordBreakIgnorable =
    [
        (0x0027, 0x0027), (0x002E, 0x002E), (0x003A, 0x003A), (0x00B7, 0x00B7), (0x0387, 0x0387), (0x055F, 0x055F),
        (0x05F4, 0x05F4), (0x2018, 0x2019), (0x2024, 0x2024), (0x2027, 0x2027), (0xFE13, 0xFE13), (0xFE52, 0xFE52),
        (0xFE55, 0xFE55), (0xFF07, 0xFF07), (0xFF0E, 0xFF0E), (0xFF1A, 0xFF1A),
    ];
}
