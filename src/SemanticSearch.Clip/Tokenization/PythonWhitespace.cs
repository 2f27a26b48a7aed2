using System.Text;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// Whitespace as Python's <c>str.isspace</c>, <c>str.strip</c> and the <c>re</c> module's <c>\s</c> see it. The set is
/// wider than .NET's <see cref="char.IsWhiteSpace(char)"/>: it includes the information separators U+001C..U+001F,
/// which CLIP's cleaning therefore collapses into spaces too.
/// </summary>
internal static class PythonWhitespace
{
    /// <summary>True for the 29 characters Python 3 treats as whitespace (Unicode category Zs, or bidirectional class
    /// WS, B or S).</summary>
    public static bool IsWhitespace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\u001C' and <= ' ' => true,
        '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    /// <summary>The <c>regex</c> module's <c>\s</c> (Unicode White_Space): Python's whitespace minus U+001C..U+001F.</summary>
    public static bool IsRegexWhitespace(char c) => IsWhitespace(c) && c is not (>= '\u001C' and <= '\u001F');

    /// <summary>Python's <c>" ".join(text.split())</c>, which equals CLIP's <c>re.sub(r"\s+", " ", text).strip()</c>
    /// applied to already-stripped text: runs of whitespace become one space, none at either end.</summary>
    public static string CollapseAndStrip(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsWhitespace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
