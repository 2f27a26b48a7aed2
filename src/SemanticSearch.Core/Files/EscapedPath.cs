using System.Text;

namespace SemanticSearch.Core.Files;

/// <summary>
/// File names on Linux are bytes, not text. A path is kept as a string with every byte that is not valid UTF-8
/// written <c>\xHH</c> and a literal backslash written <c>\\</c>, so the form is reversible and the crawler, the
/// catalog and the web host can reopen the very same file. Valid UTF-8 without backslashes stays as it is.
/// </summary>
public static class EscapedPath
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when the path needs no escaping (the string is the file's name as .NET sees it).</summary>
    public static bool IsPlain(string path) => !path.Contains('\\');

    /// <summary>The escaped string form of raw path bytes.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                text.Append($"\\x{bytes[0]:X2}");
                bytes = bytes[1..];
                continue;
            }
            if (rune.Value == '\\')
                text.Append(@"\\");
            else
                text.Append(rune.ToString());
            bytes = bytes[consumed..];
        }
        return text.ToString();
    }

    /// <summary>The raw bytes of an escaped path.</summary>
    /// <exception cref="FormatException">A backslash that starts neither <c>\\</c> nor <c>\xHH</c>.</exception>
    public static byte[] ToBytes(string escaped)
    {
        if (IsPlain(escaped))
            return Strict.GetBytes(escaped);
        var bytes = new List<byte>(escaped.Length);
        var start = 0;
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
                continue;
            bytes.AddRange(Strict.GetBytes(escaped[start..i]));
            if (i + 1 < escaped.Length && escaped[i + 1] == '\\')
            {
                bytes.Add((byte)'\\');
                i += 1;
            }
            else if (i + 3 < escaped.Length && escaped[i + 1] == 'x' && byte.TryParse(escaped.AsSpan(i + 2, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value))
            {
                bytes.Add(value);
                i += 3;
            }
            else
            {
                throw new FormatException($"'{escaped}' has a backslash at {i} that is neither \\\\ nor \\xHH.");
            }
            start = i + 1;
        }
        bytes.AddRange(Strict.GetBytes(escaped[start..]));
        return [.. bytes];
    }
}
