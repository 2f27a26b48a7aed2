using System.Text;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// Python's <c>html.unescape</c>, i.e. HTML5 character-reference decoding. .NET's <c>WebUtility.HtmlDecode</c> knows only
/// HTML 4's 253 names and requires the ';', so CLIP-exact cleaning needs this: the 2,231 HTML5 names, legacy names
/// without ';' (<c>&amp;copy2024</c> is "©2024"), the longest-known-prefix rule, and HTML5's replacements for numeric
/// references to invalid code points.
/// </summary>
internal static class PythonHtmlUnescape
{
    /// <summary>Decodes every character reference in <paramref name="text"/> once.</summary>
    public static string Unescape(string text)
    {
        var amp = text.IndexOf('&');
        if (amp < 0)
            return text;

        var builder = new StringBuilder(text.Length);
        var copied = 0;
        while (amp >= 0)
        {
            builder.Append(text, copied, amp - copied);
            var end = amp + 1 < text.Length && text[amp + 1] == '#'
                ? TryNumeric(text, amp + 2, builder)
                : TryNamed(text, amp + 1, builder);
            if (end < 0)
            {
                // Not a reference: keep the '&' and look for the next one right after it.
                builder.Append('&');
                copied = amp + 1;
            }
            else
            {
                copied = end;
            }

            amp = text.IndexOf('&', copied);
        }

        builder.Append(text, copied, text.Length - copied);
        return builder.ToString();
    }

    // "&#" then decimal digits, or x/X and hex digits, then an optional ';'. Returns the index after the reference.
    private static int TryNumeric(string text, int start, StringBuilder output)
    {
        var hex = start < text.Length && (text[start] == 'x' || text[start] == 'X');
        var index = hex ? start + 1 : start;
        var digitsStart = index;
        var value = 0L;
        const long beyondUnicode = 0x110000;
        while (index < text.Length && (hex ? char.IsAsciiHexDigit(text[index]) : char.IsAsciiDigit(text[index])))
        {
            // Saturate: any value past U+10FFFF is replaced the same way, however large.
            var c = text[index];
            var digit = char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
            value = Math.Min(value * (hex ? 16 : 10) + digit, beyondUnicode);
            index++;
        }

        if (index == digitsStart)
            return -1;
        if (index < text.Length && text[index] == ';')
            index++;

        output.Append(NumericReplacement((int)value));
        return index;
    }

    // HTML5's rules for numeric references: a Windows-1252 reading of 0x80..0x9F and a few fixed replacements, U+FFFD
    // for surrogates and values beyond Unicode, nothing for other control and non-character code points.
    private static string NumericReplacement(int value)
    {
        if (value == 0x00)
            return "\uFFFD";
        if (value == 0x0D)
            return "\r";
        if (value is >= 0x80 and <= 0x9F)
            return Windows1252C1[value - 0x80].ToString();
        if (value is >= 0xD800 and <= 0xDFFF or > 0x10FFFF)
            return "\uFFFD";
        if (value is >= 0x01 and <= 0x08 or 0x0B or >= 0x0E and <= 0x1F or 0x7F or >= 0xFDD0 and <= 0xFDEF
            || (value & 0xFFFE) == 0xFFFE)
        {
            return string.Empty;
        }

        return char.ConvertFromUtf32(value);
    }

    // What HTML5 maps numeric references 0x80..0x9F to; the five bytes Windows-1252 leaves undefined map to themselves.
    private const string Windows1252C1 =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    // "&" then 1..32 code points that are none of tab, LF, FF, space, '<', '&', '#', ';', then an optional ';'. The
    // whole run is looked up first; failing that, its longest known prefix of at least two characters (only legacy names
    // can match there); failing that, the run is left as it was. Returns the index after the run.
    private static int TryNamed(string text, int start, StringBuilder output)
    {
        var index = start;
        var codePoints = 0;
        while (index < text.Length && codePoints < 32 && !EndsName(text[index]))
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
            codePoints++;
        }

        if (codePoints == 0)
            return -1;
        if (index < text.Length && text[index] == ';')
            index++;

        var name = text.AsSpan(start, index - start);
        var lookup = Html5NamedCharacterReferences.ByName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var replacement))
        {
            output.Append(replacement);
            return index;
        }

        // Names are ASCII, so a matching prefix never splits a surrogate pair.
        for (var length = Math.Min(name.Length - 1, Html5NamedCharacterReferences.LongestName); length >= 2; length--)
        {
            if (lookup.TryGetValue(name[..length], out replacement))
            {
                output.Append(replacement).Append(name[length..]);
                return index;
            }
        }

        output.Append('&').Append(name);
        return index;
    }

    private static bool EndsName(char c) => c is '\t' or '\n' or '\f' or ' ' or '<' or '&' or '#' or ';';
}
