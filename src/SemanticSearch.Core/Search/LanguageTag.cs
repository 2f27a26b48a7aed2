using System.Text.RegularExpressions;

namespace SemanticSearch.Core.Search;

/// <summary>The shape a query's language tag must have: BCP 47 subtags (<c>de</c>, <c>pt-BR</c>, <c>zh-Hant-TW</c>).</summary>
public static partial class LanguageTag
{
    /// <summary>Longest tag accepted; real tags are far shorter, and the limit keeps the note in a response short.</summary>
    public const int MaxLength = 35;

    /// <summary>True for a language subtag of 2 to 8 letters followed by up to a few 1-8 character subtags.</summary>
    public static bool IsWellFormed(string? tag) => tag is { Length: > 0 and <= MaxLength } && Shape().IsMatch(tag);

    /// <summary>Why <paramref name="tag"/> was refused, naming the parameter as <paramref name="name"/>.</summary>
    public static string Problem(string tag, string name) =>
        $"{name} must be a language tag such as en, de-CH or zh-Hant (at most {MaxLength} characters); was '{(tag.Length > MaxLength ? tag[..MaxLength] + "…" : tag)}'.";

    [GeneratedRegex(@"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*\z")]
    private static partial Regex Shape();
}
