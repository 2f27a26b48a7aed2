using System.Text;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>Appending a <see cref="Rune"/>, which <see cref="StringBuilder"/> lacks.</summary>
internal static class StringBuilderRuneExtensions
{
    /// <summary>Appends the one or two UTF-16 units of <paramref name="rune"/>.</summary>
    public static StringBuilder AppendRune(this StringBuilder builder, Rune rune)
    {
        Span<char> units = stackalloc char[2];
        var written = rune.EncodeToUtf16(units);
        return builder.Append(units[..written]);
    }
}
