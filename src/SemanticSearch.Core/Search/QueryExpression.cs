using System.Globalization;
using System.Text;

namespace SemanticSearch.Core.Search;

/// <summary>
/// A weighted text query such as <c>cat + 0.5 snow - dog</c>, combined as normalise(Σ weight · embedding), as rclip does.
/// <para>Grammar:</para>
/// <list type="bullet">
/// <item><c>+</c> and <c>-</c> separate terms when they stand at the start or after whitespace: <c>cat - dog</c>,
/// <c>cat -dog</c> and <c>-dog cat</c> subtract; <c>t-shirt</c> and <c>x+y</c> are plain text.</item>
/// <item>A term may start with a weight: a decimal number (<c>0.5 snow</c>, <c>.5 snow</c>) or any number followed by
/// <c>*</c> (<c>2*cat</c>, <c>2 * cat</c>). A whole number without <c>*</c> is text: <c>2 dogs</c> stays "2 dogs".</item>
/// <item>Double quotes make text literal: <c>"rock + roll" - "0.5 mile"</c>. An unclosed quote is an error.</item>
/// <item>A term with no text (<c>cat + + dog</c>, <c>cat -</c>) is an error, as is a text over the length limit.</item>
/// <item>A weight above <see cref="MaxWeight"/> is an error: huge weights overflow the sum of embeddings to infinity or NaN.</item>
/// </list>
/// </summary>
public sealed record QueryExpression(IReadOnlyList<QueryTerm> Terms)
{
    /// <summary>Largest weight a term may have; with at most a few dozen terms the weighted sum stays finite.</summary>
    public const float MaxWeight = 100;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="SearchQueryException">The text is empty, too long, has too many terms or a malformed term.</exception>
    public static QueryExpression Parse(string? text, int maxLength = SearchOptions.DefaultMaxQueryLength, int maxTerms = SearchOptions.DefaultMaxTerms)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new SearchQueryException("The query is empty.");
        if (text.Length > maxLength)
            throw new SearchQueryException($"The query is {text.Length} characters long; at most {maxLength} are allowed.");

        var terms = new List<QueryTerm>();
        foreach (var (sign, body, position) in Split(text))
        {
            var (weight, weightText, termText) = ReadWeight(body);
            termText = Unquote(termText, position);
            if (termText.Length == 0)
                throw new SearchQueryException(position < 0
                    ? "The query has an empty term."
                    : $"The query has an empty term after the '{text[position]}' at position {position + 1}.");
            if (!float.IsFinite(weight) || weight > MaxWeight)
                throw new SearchQueryException(
                    $"The weight {Shorten(weightText)} of the term '{Shorten(termText)}' (term {terms.Count + 1}) is too large: " +
                    $"weights go from 0 to {MaxWeight:0}.");
            terms.Add(new QueryTerm(sign * weight, termText));
        }
        if (terms.Count > maxTerms)
            throw new SearchQueryException($"The query has {terms.Count} terms; at most {maxTerms} are allowed.");
        return new QueryExpression(terms);
    }

    /// <summary>Splits at operators outside quotes: (sign, raw term, index of its operator or -1).</summary>
    private static List<(float Sign, string Body, int Position)> Split(string text)
    {
        var parts = new List<(float, string, int)>();
        var current = new StringBuilder();
        float sign = 1;
        var position = -1;
        var inQuote = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
                inQuote = !inQuote;
            var isOperator = !inQuote && (c is '+' or '-') && (i == 0 || char.IsWhiteSpace(text[i - 1]));
            if (!isOperator)
            {
                current.Append(c);
                continue;
            }
            // The first operator before any text only gives the first term its sign ("-dog cat", "+ cat").
            var isLeading = parts.Count == 0 && position < 0 && string.IsNullOrWhiteSpace(current.ToString());
            if (!isLeading)
                parts.Add((sign, current.ToString(), position));
            current.Clear();
            sign = c == '+' ? 1 : -1;
            position = i;
        }
        parts.Add((sign, current.ToString(), position));
        return parts;
    }

    /// <summary>Reads an optional leading weight: a decimal number, or any number followed by '*'.</summary>
    private static (float Weight, string WeightText, string Text) ReadWeight(string body)
    {
        var trimmed = body.TrimStart();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
            end++;
        // A run of 40 nines parses as +infinity rather than failing; Parse rejects it with the term named.
        if (end == 0 || !float.TryParse(trimmed.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var weight))
            return (1f, "", body.Trim());
        var weightText = trimmed[..end];
        var rest = trimmed[end..];
        var afterSpace = rest.TrimStart();
        if (afterSpace.StartsWith('*'))
            return (weight, weightText, afterSpace[1..].Trim());
        var isDecimal = weightText.Contains('.');
        // "0.5 snow" is weighted; "2 dogs" and "3.5inch" are text.
        if (isDecimal && rest.Length > 0 && char.IsWhiteSpace(rest[0]))
            return (weight, weightText, afterSpace.Trim());
        return (1f, "", body.Trim());
    }

    /// <summary>Long input is cut in messages, so an error stays readable.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    private static string Unquote(string text, int position)
    {
        if (!text.Contains('"'))
            return text;
        if (text.Count(c => c == '"') % 2 != 0)
            throw new SearchQueryException($"The query has an unclosed quote (in the term at position {Math.Max(position, 0) + 1}).");
        return string.Join(' ', text.Replace("\"", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
