using System.Text;
using Microsoft.ML.Tokenizers;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// CLIP's text cleaning as a Microsoft.ML.Tokenizers normalizer, in the original's order and with Python's semantics:
/// NFC (all that ftfy.fix_text does to text that is not mojibake), <c>html.unescape</c> twice, strip, whitespace runs
/// collapsed to one space, strip, <c>str.lower</c>. The library's own normalizers cannot express any of these steps the
/// Python way, so they are written out here.
/// </summary>
internal sealed class ClipTextNormalizer : Normalizer
{
    /// <summary>The one instance; it holds no state.</summary>
    public static ClipTextNormalizer Instance { get; } = new();

    /// <inheritdoc />
    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var text = ReplaceLoneSurrogates(original).Normalize(NormalizationForm.FormC);
        text = PythonHtmlUnescape.Unescape(PythonHtmlUnescape.Unescape(text));
        text = PythonWhitespace.CollapseAndStrip(text);
        return PythonLowerCase.Lower(text);
    }

    /// <inheritdoc />
    public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());

    // A lone surrogate cannot be NFC-normalised or written as UTF-8 (Python's encoder rejects it too); U+FFFD keeps
    // the rest of the text usable.
    private static string ReplaceLoneSurrogates(string text)
    {
        var firstInvalid = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            firstInvalid = i;
            break;
        }

        if (firstInvalid < 0)
            return text;

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstInvalid);
        var index = firstInvalid;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            builder.AppendRune(rune); // ReplacementChar for a lone surrogate
            index += consumed;
        }

        return builder.ToString();
    }
}
