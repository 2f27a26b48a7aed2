using System.Text;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// open_clip's <c>clean="canonicalize"</c> text cleaning (SigLIP and SigLIP 2 configs): CLIP's basic clean (NFC, HTML
/// entities, whitespace), then "_" as a space, ASCII punctuation removed and lower case, so "A Cat!" and "a cat" are
/// the same query, as the model was trained.
/// </summary>
internal static class OpenClipCanonicalText
{
    /// <summary>The config value that asks for it.</summary>
    public const string CleanName = "canonicalize";

    public static string Canonicalize(string text)
    {
        var cleaned = ClipTextNormalizer.Instance.Normalize(text);
        var kept = new StringBuilder(cleaned.Length);
        foreach (var c in cleaned)
        {
            if (c == '_')
                kept.Append(' ');
            else if (!IsAsciiPunctuation(c))
                kept.Append(c);
        }
        return PythonWhitespace.CollapseAndStrip(kept.ToString());
    }

    // Python's string.punctuation: every printable ASCII character that is neither a letter, a digit nor a space.
    private static bool IsAsciiPunctuation(char c) => c is > ' ' and < '\u007F' && !char.IsAsciiLetterOrDigit(c);
}
